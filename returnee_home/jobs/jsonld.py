"""schema.org JobPosting for job pages and the public feed (Google's required and recommended
properties: title, description, datePosted, hiringOrganization, jobLocation; validThrough,
employmentType, baseSalary, identifier, directApply)."""

import json
from typing import Any

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from returnee_home.jobs.models import JobPosting, JobType

EMPLOYMENT_TYPES = {
    JobType.FULL_TIME: "FULL_TIME",
    JobType.PART_TIME: "PART_TIME",
    JobType.POSTDOC: "TEMPORARY",
    JobType.VISITING: "TEMPORARY",
}
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _description(posting: JobPosting) -> str:
    parts = [posting.description, posting.responsibilities, posting.requirements_text]
    return "\n\n".join(strip_tags(p) for p in parts if p) or posting.title


def posting_jsonld(posting: JobPosting, url: str) -> dict[str, Any]:
    """The JobPosting object for one posting (`url`: its absolute address). Reads employer,
    city and industry: select them with the posting."""
    employer = posting.employer
    city = posting.city
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": _description(posting),
        "identifier": {
            "@type": "PropertyValue",
            "name": employer.name_zh or employer.name_en,
            "value": str(posting.pk),
        },
        "datePosted": (posting.published_at or posting.created_at).date().isoformat(),
        "validThrough": f"{posting.valid_through.isoformat()}T23:59:59+08:00",
        "employmentType": EMPLOYMENT_TYPES.get(posting.job_type, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": employer.name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city.name,
                "addressRegion": "Jiangsu",
                "addressCountry": "CN",
                **({"streetAddress": posting.district} if posting.district else {}),
            },
        },
        "directApply": True,
        "url": url,
        "totalJobOpenings": posting.headcount,
    }
    if employer.website:
        data["hiringOrganization"]["sameAs"] = employer.website
    if posting.industry_id:
        data["industry"] = posting.industry.name
    if posting.skills:
        data["skills"] = ", ".join(posting.skills)
    if posting.min_years_experience:
        data["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": posting.min_years_experience * 12,
        }
    if not posting.is_negotiable:
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": "MONTH"}
        if posting.salary_min is not None:
            value["minValue"] = posting.salary_min
        if posting.salary_max is not None:
            value["maxValue"] = posting.salary_max
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "CNY", "value": value}
    return data


def as_script(data: Any) -> SafeString:
    """A `<script type="application/ld+json">` data block (not executed: the CSP allows it),
    with <, > and & escaped so that text cannot close the element."""
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
