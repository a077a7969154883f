"""Writes of the catalogue, the Homes' offerings and online requests.

Every request state change goes through `_step`, which checks services.workflow, locks the
row, records a RequestEvent, audits and notifies the applicant."""

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.core.audit import audit_record, diff, snapshot
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import ServiceCategory
from returnee_home.core.workdays import add_working_days
from returnee_home.orgs.models import Home, Window
from returnee_home.orgs.uploads import check_document
from returnee_home.services import selectors, workflow
from returnee_home.services.models import (
    CaseCounter,
    HomeOffering,
    RequestEvent,
    RequestMaterial,
    RequestState,
    ServiceFaq,
    ServiceItem,
    ServiceMaterial,
    ServiceRequest,
)
from returnee_home.services.search import search_words

ITEM_FIELDS = [
    "category",
    "code",
    "slug",
    "title_zh",
    "title_en",
    "summary_zh",
    "summary_en",
    "eligibility_zh",
    "eligibility_en",
    "basis_zh",
    "basis_en",
    "time_limit_days",
    "is_free",
    "fee_zh",
    "fee_en",
    "mode",
    "where_zh",
    "where_en",
    "contact_zh",
    "contact_en",
    "sort_order",
]
MATERIAL_FIELDS = ("name_zh", "name_en", "note_zh", "note_en", "is_required", "original_required")
FAQ_FIELDS = ("question_zh", "question_en", "answer_zh", "answer_en")

# --- Catalogue ----------------------------------------------------------------------------


def _require_catalogue_editor(actor: Any) -> None:
    if not selectors.can_edit_catalogue(actor):
        raise PermissionDeniedError()


def _index(item: ServiceItem) -> None:
    materials = [f"{m.name_zh} {m.name_en}" for m in item.materials.all()]
    item.search_text = search_words(
        item.title_zh,
        item.title_en,
        item.summary_zh,
        item.summary_en,
        item.eligibility_zh,
        item.eligibility_en,
        item.code,
        *materials,
    )
    ServiceItem.objects.filter(pk=item.pk).update(search_text=item.search_text)


def _replace_rows(item: ServiceItem, materials: list[dict] | None, faqs: list[dict] | None) -> None:
    if materials is not None:
        item.materials.all().delete()
        ServiceMaterial.objects.bulk_create(
            ServiceMaterial(item=item, sort_order=i, **{k: row.get(k, "") for k in MATERIAL_FIELDS})
            for i, row in enumerate(materials)
        )
    if faqs is not None:
        item.faqs.filter(source=ServiceFaq.Source.EDITORIAL).delete()
        ServiceFaq.objects.bulk_create(
            ServiceFaq(item=item, sort_order=i, **{k: row.get(k, "") for k in FAQ_FIELDS})
            for i, row in enumerate(faqs)
        )


def _check_unique(item_id: int | None, code: str, slug: str) -> None:
    others = ServiceItem.objects.exclude(pk=item_id) if item_id else ServiceItem.objects.all()
    if others.filter(code=code).exists():
        text = gettext_lazy("Another item already has this code.")
        raise ApplicationError("duplicate_code", text, fields={"code": text})
    if others.filter(slug=slug).exists():
        text = gettext_lazy("Another item already has this address name.")
        raise ApplicationError("duplicate_slug", text, fields={"slug": text})


@transaction.atomic
def service_item_create(
    *,
    actor: Any,
    category: ServiceCategory,
    code: str,
    slug: str,
    title_zh: str,
    materials: list[dict] | None = None,
    faqs: list[dict] | None = None,
    **fields: Any,
) -> ServiceItem:
    """Add an item to the catalogue (province admins only); refuses a duplicate code/slug."""
    _require_catalogue_editor(actor)
    _check_unique(None, code, slug)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    item = ServiceItem.objects.create(
        category=category, code=code, slug=slug, title_zh=title_zh, **fields
    )
    _replace_rows(item, materials or [], faqs or [])
    _index(item)
    audit_record(actor=actor, action="services.item_create", obj=item)
    public_pages_changed()
    return item


@transaction.atomic
def service_item_update(
    *,
    actor: Any,
    item: ServiceItem,
    materials: list[dict] | None = None,
    faqs: list[dict] | None = None,
    **fields: Any,
) -> ServiceItem:
    """Change an item's fields and, when given, replace its materials and editorial FAQ."""
    _require_catalogue_editor(actor)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    _check_unique(item.pk, fields.get("code", item.code), fields.get("slug", item.slug))
    before = snapshot(item, ITEM_FIELDS)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    _replace_rows(item, materials, faqs)
    _index(item)
    audit_record(
        actor=actor,
        action="services.item_update",
        obj=item,
        changes=diff(before, snapshot(item, ITEM_FIELDS)),
    )
    public_pages_changed()
    return item


@transaction.atomic
def service_item_set_active(*, actor: Any, item: ServiceItem, active: bool) -> ServiceItem:
    """Retire an item from the catalogue (or bring it back). Open requests stay as they are."""
    _require_catalogue_editor(actor)
    if item.is_active != active:
        item.is_active = active
        item.save(update_fields=["is_active", "updated_at"])
        audit_record(
            actor=actor,
            action="services.item_restore" if active else "services.item_retire",
            obj=item,
        )
        public_pages_changed()
    return item


@transaction.atomic
def faq_entry_create(
    *,
    item: ServiceItem,
    question_zh: str = "",
    question_en: str = "",
    answer_zh: str = "",
    answer_en: str = "",
    source: str = ServiceFaq.Source.CONSULTATION,
    actor: Any = None,
) -> ServiceFaq:
    """Publish a question and its answer in the item's FAQ (e.g. from a consultation, already
    anonymised by the caller). Refuses an entry without a question or without an answer."""
    if not (question_zh.strip() or question_en.strip()):
        raise ApplicationError("question_required", gettext_lazy("Write the question."))
    if not (answer_zh.strip() or answer_en.strip()):
        raise ApplicationError("answer_required", gettext_lazy("Write the answer."))
    if source not in ServiceFaq.Source.values:
        raise ApplicationError("invalid_source", gettext_lazy("Unknown source of the entry."))
    last = item.faqs.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    faq = ServiceFaq.objects.create(
        item=item,
        question_zh=question_zh.strip(),
        question_en=question_en.strip(),
        answer_zh=answer_zh.strip(),
        answer_en=answer_en.strip(),
        source=source,
        sort_order=last + 1,
    )
    audit_record(actor=actor, action="services.faq_create", obj=faq, object_repr=str(item))
    public_pages_changed()
    return faq


# --- Offerings ----------------------------------------------------------------------------


@transaction.atomic
def home_offering_set(
    *,
    actor: Any,
    home: Home,
    item: ServiceItem,
    offered: bool,
    windows: list[Window] | None = None,
    hours_zh: str = "",
    hours_en: str = "",
    note_zh: str = "",
    note_en: str = "",
) -> HomeOffering | None:
    """Offer (or stop offering) an item at a Home, at some of its windows. The Home's manager
    only; refuses windows of another Home and retired items."""
    if home.pk not in {h.pk for h in selectors.managed_homes(actor)}:
        raise PermissionDeniedError()
    windows = list(windows or [])
    if any(w.home_id != home.pk for w in windows):
        text = gettext_lazy("Choose windows of this Home.")
        raise ApplicationError("foreign_window", text, fields={"windows": text})
    offering = HomeOffering.objects.select_for_update().filter(home=home, item=item).first()
    if offering is None and not offered:
        return None
    if offered and not item.is_active:
        raise ApplicationError("item_retired", gettext_lazy("This item has been retired."))
    if offering is None:
        offering = HomeOffering(home=home, item=item)
    offering.is_active = offered
    offering.hours_zh, offering.hours_en = hours_zh.strip(), hours_en.strip()
    offering.note_zh, offering.note_en = note_zh.strip(), note_en.strip()
    offering.save()
    offering.windows.set(windows)
    audit_record(
        actor=actor,
        action="services.offering_set" if offered else "services.offering_stop",
        obj=offering,
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    public_pages_changed()
    return offering


# --- Requests -----------------------------------------------------------------------------


def _store_uploads(
    request: ServiceRequest, files: dict[int, Any], extra: list[Any], actor: Any
) -> None:
    materials = {m.pk: m for m in request.item.materials.all()}
    for material_id, upload in files.items():
        if material_id not in materials:
            raise NotFoundError()
        check_document(upload, field=f"material_{material_id}")
    for upload in extra:
        check_document(upload, field="extra")
    for material_id, upload in [*files.items(), *((None, u) for u in extra)]:
        RequestMaterial.objects.create(
            request=request,
            material=materials.get(material_id) if material_id else None,
            file=upload,
            original_name=str(getattr(upload, "name", ""))[:200],
            size=getattr(upload, "size", 0) or 0,
            uploaded_by=actor,
        )


def _check_required_materials(request: ServiceRequest) -> None:
    have = set(request.uploads.values_list("material_id", flat=True))
    missing = {}
    for material in request.item.materials.all():
        if material.is_required and material.pk not in have:
            missing[f"material_{material.pk}"] = _("Upload this required material.")
    if missing:
        raise ApplicationError(
            "materials_missing", _("Upload every required material."), fields=missing
        )


def _next_case_number(home: Home) -> str:
    """HOMECODE-YYYYMMDD-NNNN, the day's next number at the Home; the counter row is locked
    so that concurrent submissions never share a number (the unique column backs it up)."""
    day = timezone.localdate()
    CaseCounter.objects.get_or_create(home=home, day=day)
    counter = CaseCounter.objects.select_for_update().get(home=home, day=day)
    CaseCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{home.code}-{day:%Y%m%d}-{counter.last:04d}"


def _notify_applicant(request: ServiceRequest, step_name: str, message: str) -> None:
    from returnee_home.notifications.actions import notify

    applicant = request.applicant
    with translation.override(getattr(applicant, "preferred_language", None) or "zh-hans"):
        titles = {
            "submit": _("Your request %(case)s has been submitted"),
            "resubmit": _("Your supplement to %(case)s has been received"),
            "withdraw": _("Your request %(case)s has been withdrawn"),
            "accept": _("Your request %(case)s has been accepted"),
            "ask_more": _("More material is needed for %(case)s"),
            "complete": _("Your request %(case)s has been completed"),
            "refuse": _("Your request %(case)s has been refused"),
            "transfer": _("Your request %(case)s has been transferred to another Home"),
        }
        title = titles[step_name] % {"case": request.case_number}
        lines = [f"{request.item.title} · {request.home.name}"]
        if step_name == "submit" and request.due_on:
            lines.append(_("Due by %(date)s.") % {"date": request.due_on.isoformat()})
        if message:
            lines.append(message)
        url = reverse("services:my_request", kwargs={"request_id": request.pk})
        notify(
            recipient=applicant,
            kind="services.request",
            title=title,
            body="\n".join(lines),
            url=url,
        )


def _actor_kind(actor: Any, request: ServiceRequest) -> str | None:
    """How the actor stands to the request: its applicant, staff of its current Home, or
    nobody (None, answered as not found). Staff who apply at their own Home are applicants
    of that request: nobody handles their own case."""
    if request.applicant_id == getattr(actor, "pk", None):
        return workflow.APPLICANT
    if request.state != RequestState.DRAFT and selectors.is_staff_of(actor, request.home_id):
        return workflow.STAFF
    return None


def _notify_home_staff(request: ServiceRequest, step_name: str) -> None:
    """Tell the staff and manager of the request's Home that it needs them (in-site only)."""
    from returnee_home.notifications.actions import notify
    from returnee_home.orgs.models import Membership

    members = Membership.objects.filter(
        organisation_id=request.home.carrier_id, role__in=selectors.HOME_ROLES
    ).select_related("user")
    url = reverse("services:staff_request", kwargs={"request_id": request.pk})
    for member in members:
        user = member.user
        with translation.override(getattr(user, "preferred_language", None) or "zh-hans"):
            titles = {
                "submit": _("New service request %(case)s"),
                "resubmit": _("Supplement received for %(case)s"),
                "transfer": _("Request %(case)s transferred to your Home"),
            }
            title = titles[step_name] % {"case": request.case_number}
            body = f"{request.item.title} · {request.applicant.display_name}"
            notify(
                recipient=user,
                kind="services.workbench",
                title=title,
                body=body,
                url=url,
                email=False,
            )


def _step(
    *,
    actor: Any,
    request: ServiceRequest,
    step_name: str,
    message: str = "",
    to_home: Home | None = None,
    **changes: Any,
) -> ServiceRequest:
    """Take one workflow step on a locked copy of the request; see services.workflow."""
    locked = (
        ServiceRequest.objects.select_for_update()
        .select_related("home", "home__city", "item", "applicant")
        .get(pk=request.pk)
    )
    actor_kind = _actor_kind(actor, locked)
    if actor_kind is None:
        raise NotFoundError()
    step = workflow.check(
        step_name=step_name, state=locked.state, actor_kind=actor_kind, message=message
    )
    from_state, from_home = locked.state, None
    now = timezone.now()
    if step_name == "submit":
        _check_required_materials(locked)
        locked.case_number = locked.case_number or _next_case_number(locked.home)
        locked.submitted_at = now
    if step_name in ("submit", "resubmit"):
        locked.due_on = add_working_days(timezone.localdate(), locked.item.time_limit_days)
    if step_name == "transfer":
        if to_home is None or not selectors.transfer_targets(locked).filter(pk=to_home.pk).exists():
            text = _("Choose another Home that offers this service.")
            raise ApplicationError("invalid_home", text, fields={"to_home": text})
        from_home, locked.home = locked.home, to_home
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.state = step.target
    if step.target in (RequestState.COMPLETED, RequestState.REFUSED, RequestState.WITHDRAWN):
        locked.closed_at = now
    locked.save()
    RequestEvent.objects.create(
        request=locked,
        actor=actor,
        action=step_name,
        from_state=from_state,
        to_state=locked.state,
        message=message.strip(),
        from_home=from_home,
    )
    home = from_home or locked.home
    audit_record(
        actor=actor,
        action=f"services.request_{step_name}",
        obj=locked,
        changes={"state": [from_state, locked.state]},
        note=message.strip()[:2000],
        city_code=home.city.code,
        organisation_id=home.carrier_id,
    )
    _notify_applicant(locked, step_name, message.strip())
    if step_name in ("submit", "resubmit", "transfer"):
        _notify_home_staff(locked, step_name)
    if step_name == "complete":
        from returnee_home.records.actions import service_record_create
        from returnee_home.records.models import Channel

        service_record_create(
            person=locked.applicant,
            home=locked.home,
            item=locked.item,
            channel=Channel.ONLINE,
            served_on=timezone.localdate(),
            source=locked,
            actor=actor,
        )
    return locked


@transaction.atomic
def request_create(
    *,
    applicant: Any,
    item: ServiceItem,
    home: Home,
    description: str = "",
    files: dict[int, Any] | None = None,
    extra_files: list[Any] | None = None,
    idempotency_key: uuid.UUID | None = None,
    submit: bool = True,
) -> ServiceRequest:
    """Start a request for an item at a Home that offers it, store its uploads and (unless
    `submit` is False) submit it. The same idempotency key twice returns the first request
    (double click, back button). Refuses an item not offered there, a wrong file, a missing
    required material; nothing is written then."""
    if not getattr(applicant, "is_authenticated", False):
        raise PermissionDeniedError()
    if idempotency_key:
        existing = ServiceRequest.objects.filter(
            idempotency_key=idempotency_key, applicant=applicant
        ).first()
        if existing is not None:
            return existing
    if not item.is_online:
        raise ApplicationError(
            "offline_only", gettext_lazy("This service is handled at a Home only, not online.")
        )
    offering = selectors.offering_for_request(item=item, home_id=home.pk)
    try:
        with transaction.atomic():
            request = ServiceRequest.objects.create(
                applicant=applicant,
                item=item,
                home=offering.home,
                description=description.strip(),
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        existing = ServiceRequest.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None and existing.applicant_id == applicant.pk:
            return existing
        raise
    _store_uploads(request, files or {}, extra_files or [], applicant)
    RequestEvent.objects.create(
        request=request, actor=applicant, action="create", from_state="draft", to_state="draft"
    )
    if submit:
        request = _step(actor=applicant, request=request, step_name="submit")
    return request


@transaction.atomic
def request_submit(*, actor: Any, request: ServiceRequest) -> ServiceRequest:
    """Submit a draft: gives the case number and the due date. Applicant only."""
    return _step(actor=actor, request=request, step_name="submit")


@transaction.atomic
def request_resubmit(
    *,
    actor: Any,
    request: ServiceRequest,
    message: str = "",
    files: dict[int, Any] | None = None,
    extra_files: list[Any] | None = None,
) -> ServiceRequest:
    """Send the material the Home asked for; the due date restarts from today."""
    if request.applicant_id != getattr(actor, "pk", None):
        raise NotFoundError()
    workflow.check(step_name="resubmit", state=request.state, actor_kind=workflow.APPLICANT)
    if not files and not extra_files and not message.strip():
        text = _("Upload the material asked for, or write a note.")
        raise ApplicationError("nothing_supplied", text, fields={"message": text})
    _store_uploads(request, files or {}, extra_files or [], actor)
    return _step(actor=actor, request=request, step_name="resubmit", message=message)


@transaction.atomic
def request_withdraw(*, actor: Any, request: ServiceRequest, message: str = "") -> ServiceRequest:
    """The applicant withdraws their request while it is open."""
    return _step(actor=actor, request=request, step_name="withdraw", message=message)


@transaction.atomic
def request_accept(*, actor: Any, request: ServiceRequest, message: str = "") -> ServiceRequest:
    """The Home accepts the request for handling (staff or manager of its Home)."""
    return _step(actor=actor, request=request, step_name="accept", message=message)


@transaction.atomic
def request_ask_more(*, actor: Any, request: ServiceRequest, message: str) -> ServiceRequest:
    """Ask the applicant for more material; the message says what is missing."""
    return _step(actor=actor, request=request, step_name="ask_more", message=message)


@transaction.atomic
def request_complete(
    *, actor: Any, request: ServiceRequest, message: str, result_document: Any = None
) -> ServiceRequest:
    """Close the request as done with a result note (and document); records one service."""
    changes: dict[str, Any] = {"result_note": message.strip()}
    if result_document:
        check_document(result_document, field="result_document")
        changes["result_document"] = result_document
    return _step(actor=actor, request=request, step_name="complete", message=message, **changes)


@transaction.atomic
def request_refuse(*, actor: Any, request: ServiceRequest, message: str) -> ServiceRequest:
    """Refuse the request; the reason is required and sent to the applicant."""
    return _step(actor=actor, request=request, step_name="refuse", message=message)


@transaction.atomic
def request_transfer(
    *, actor: Any, request: ServiceRequest, to_home: Home, message: str
) -> ServiceRequest:
    """Hand the request to another Home offering the item; case number and dates stay."""
    return _step(
        actor=actor, request=request, step_name="transfer", message=message, to_home=to_home
    )


STAFF_ACTIONS = {
    "accept": request_accept,
    "ask_more": request_ask_more,
    "complete": request_complete,
    "refuse": request_refuse,
    "transfer": request_transfer,
}
