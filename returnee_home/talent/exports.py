"""The talent part of a person's "download my data" export."""

from typing import Any

from returnee_home.talent.selectors import profile_of


def _month(value: Any) -> str | None:
    return value.strftime("%Y-%m") if value else None


def talent_export(user: Any) -> dict[str, Any] | None:
    """The person's talent profile, education, work and languages as plain data (None if they
    have no profile). Holds nothing about other people: a recommending institution is named,
    its staff are not; who verified an education is not included."""
    profile = profile_of(user)
    if profile is None:
        return None
    return {
        "profile": {
            "gender": profile.gender,
            "birth_year": profile.birth_year,
            "nationality": profile.nationality.code if profile.nationality else None,
            "residence_country": (
                profile.residence_country.code if profile.residence_country else None
            ),
            "current_city": profile.current_city.name_zh if profile.current_city else None,
            "returnee_status": profile.returnee_status,
            "return_date": profile.return_date,
            "headline_zh": profile.headline_zh,
            "headline_en": profile.headline_en,
            "introduction_zh": profile.introduction_zh,
            "introduction_en": profile.introduction_en,
            "desired_cities": [city.name_zh for city in profile.desired_cities.all()],
            "industries": [industry.code for industry in profile.industries.all()],
            "showcase_consent": profile.showcase_consent,
            "showcase_consent_at": profile.showcase_consent_at,
            "channel": profile.channel,
            "recommended_by": str(profile.recommended_by) if profile.recommended_by else None,
            "created_at": profile.created_at,
            "updated_at": profile.updated_at,
        },
        "educations": [
            {
                "country": education.country.code,
                "institution_zh": education.institution_zh,
                "institution_en": education.institution_en,
                "degree_level": education.degree_level.code,
                "discipline": education.discipline.code if education.discipline else None,
                "field_of_study": education.field_of_study,
                "start": _month(education.start_date),
                "end": _month(education.end_date),
                "verified": education.verified,
                "verified_at": education.verified_at,
            }
            for education in profile.educations.all()
        ],
        "work_experiences": [
            {
                "organisation": work.organisation_name,
                "country": work.country.code,
                "city": work.city,
                "title": work.title,
                "start": _month(work.start_date),
                "end": _month(work.end_date),
                "description": work.description,
            }
            for work in profile.work_experiences.all()
        ],
        "languages": [
            {"language": skill.language.code, "level": skill.level}
            for skill in profile.languages.all()
        ],
    }
