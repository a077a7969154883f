"""Writes of consultations: ask, confirm the e-mail address, answer, hand over, publish to an
item's FAQ. The state machine is in `TRANSITIONS`; each write is one transaction."""

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.consultations.models import (
    ANSWER_WITHIN_WORKING_DAYS,
    Consultation,
    Handover,
)
from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.workdays import add_working_days
from returnee_home.notifications.actions import notify

S = Consultation.Status
# Allowed transitions: (from, to) -> the action that makes it.
TRANSITIONS = {
    (S.UNCONFIRMED, S.OPEN): "consultation_confirm",
    (S.OPEN, S.OPEN): "consultation_hand_over",
    (S.OPEN, S.ANSWERED): "consultation_answer",
}
ANONYMOUS_PER_HOUR = 5


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def private_url(token: str, language: str = "") -> str:
    with translation.override(language or None):
        path = reverse("consultations:private", args=[token])
    return settings.SITE_URL.rstrip("/") + path


def _throttle(ip: str | None) -> None:
    """At most ANONYMOUS_PER_HOUR questions an hour from one address without an account."""
    key = f"consultations:ask:{ip or 'unknown'}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
        count = 1
    if count > ANONYMOUS_PER_HOUR:
        raise ApplicationError(
            "throttled",
            gettext_lazy("Too many questions from your address. Please try again in an hour."),
            status=429,
        )


def _open(consultation: Consultation) -> None:
    today = timezone.localdate()
    consultation.status = S.OPEN
    consultation.submitted_at = timezone.now()
    consultation.due_on = add_working_days(today, ANSWER_WITHIN_WORKING_DAYS)


def _staff_for(home: Any) -> list[Any]:
    """Who answers questions at `home`: its managers and staff; for the province (`home`
    None), the province's admins. Each person once, in a stable order."""
    from returnee_home.orgs.models import Membership, OrgKind, Role

    memberships = Membership.objects.filter(organisation__is_active=True, user__is_active=True)
    if home is None:
        memberships = memberships.filter(
            organisation__kind=OrgKind.PROVINCE, role=Role.PROVINCE_ADMIN
        )
    else:
        memberships = memberships.filter(
            organisation_id=home.carrier_id, role__in=(Role.HOME_MANAGER, Role.HOME_STAFF)
        )
    people = {m.user_id: m.user for m in memberships.select_related("user").order_by("pk")}
    return list(people.values())


def _notify_staff(consultation: Consultation, *, handed_over_by: Any = None) -> None:
    """Tell the staff who now hold an open question that it arrived (or was handed to them),
    each in their own language. The person who handed it over is not told."""
    url = reverse("consultations:workbench_detail", args=[consultation.pk])
    due = consultation.due_on.isoformat() if consultation.due_on else ""
    for person in _staff_for(consultation.home):
        if handed_over_by is not None and person.pk == getattr(handed_over_by, "pk", None):
            continue
        with translation.override(person.preferred_language or "zh-hans"):
            if handed_over_by is None:
                kind = "consultations.arrived"
                title = _("New question: %(subject)s") % {"subject": consultation.subject}
            else:
                kind = "consultations.handed_over"
                title = _("A question was handed over to you: %(subject)s") % {
                    "subject": consultation.subject
                }
            body = _("Answer by %(due)s.") % {"due": due}
            notify(recipient=person, kind=kind, title=title, body=body, url=url)


@transaction.atomic
def consultation_ask(
    *,
    asker: Any,
    home: Any,
    category: Any,
    subject: str,
    question: str,
    language: str,
    item: Any = None,
    name: str = "",
    email: str = "",
    consent_to_publish: bool = False,
    ip_address: str | None = None,
) -> tuple[Consultation, str]:
    """Ask a Home (or, with `home` None, the province) a question. Returns the question and
    its private token (shown once, sent by e-mail).

    A signed-in person's question goes to staff at once (they are notified); a visitor's waits until they open
    the link sent to their e-mail address. Refuses a visitor without an e-mail address, an
    empty subject or question, an unknown language, an item of another category, and more
    than five questions an hour from one address without an account."""
    signed_in = bool(getattr(asker, "is_authenticated", False))
    fields: dict[str, Any] = {}
    if not signed_in and not (email or "").strip():
        fields["email"] = gettext_lazy("Give an e-mail address so that we can answer you.")
    if not (subject or "").strip():
        fields["subject"] = gettext_lazy("Write a subject.")
    if not (question or "").strip():
        fields["question"] = gettext_lazy("Write your question.")
    if language not in Consultation.Language.values:
        fields["language"] = gettext_lazy("Choose Chinese or English.")
    if item is not None and item.category_id != category.pk:
        fields["item"] = gettext_lazy("This service item belongs to another category.")
    if fields:
        raise ApplicationError(
            "invalid", gettext_lazy("Please correct the marked fields."), fields=fields
        )
    if not signed_in:
        _throttle(ip_address)
    token = secrets.token_urlsafe(24)
    consultation = Consultation(
        asker=asker if signed_in else None,
        name=(name or (asker.full_name if signed_in else "")).strip()[:100],
        email=(email or (asker.email if signed_in else "") or "").strip(),
        home=home,
        category=category,
        item=item,
        language=language,
        subject=subject.strip()[:200],
        question=question.strip()[:5000],
        consent_to_publish=consent_to_publish,
        token_hash=hash_token(token),
        ip_address=ip_address,
    )
    if signed_in:
        _open(consultation)
    consultation.save()
    if signed_in:
        _notify_staff(consultation)
    if not signed_in:
        url = private_url(token, language)
        address = consultation.email

        def send() -> None:
            with translation.override(language):
                send_mail(
                    _("Confirm your question to the Home for Returned Overseas Students"),
                    _(
                        "Open this link to confirm your e-mail address and send your question "
                        "to our staff. Keep it: the answer will be shown there.\n\n%(url)s"
                    )
                    % {"url": url},
                    None,
                    [address],
                )

        transaction.on_commit(send)
    return consultation, token


def consultation_by_token(token: str) -> Consultation:
    consultation = (
        Consultation.objects.select_related("home", "category", "item")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if consultation is None:
        raise NotFoundError()
    return consultation


@transaction.atomic
def consultation_confirm(*, consultation: Consultation) -> Consultation:
    """The visitor opened the private link: the address is confirmed and the question goes to
    staff. Confirming again changes nothing."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.status == S.UNCONFIRMED:
        _open(locked)
        locked.save(update_fields=["status", "submitted_at", "due_on", "updated_at"])
        _notify_staff(locked)
    return locked


def can_work_on(user: Any, consultation: Consultation) -> bool:
    """Staff and managers of the Home asked; province admins for questions to the province."""
    from returnee_home.orgs.models import Role
    from returnee_home.orgs.selectors import is_province_admin, member_organisation_ids

    if consultation.home_id is None:
        return is_province_admin(user)
    return consultation.home.carrier_id in member_organisation_ids(
        user, (Role.HOME_MANAGER, Role.HOME_STAFF)
    )


def _require(user: Any, consultation: Consultation) -> None:
    if not can_work_on(user, consultation):
        raise PermissionDeniedError()


def _locked_open(consultation: Consultation) -> Consultation:
    locked = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("home")
        .get(pk=consultation.pk)
    )
    if locked.status != S.OPEN:
        raise ApplicationError(
            "illegal_transition",
            gettext_lazy("This question is not awaiting an answer."),
            status=409,
        )
    return locked


@transaction.atomic
def consultation_answer(*, consultation: Consultation, actor: Any, answer: str) -> Consultation:
    """Staff answer an open question; the asker is notified (account) or e-mailed.

    Refuses staff of another Home, an empty answer and a question not awaiting an answer."""
    _require(actor, consultation)
    if not (answer or "").strip():
        raise ApplicationError(
            "answer_required",
            gettext_lazy("Write the answer."),
            fields={"answer": gettext_lazy("Write the answer.")},
        )
    locked = _locked_open(consultation)
    locked.status = S.ANSWERED
    locked.answer = answer.strip()[:10000]
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.save()
    audit_record(actor=actor, action="consultations.answer", obj=locked)
    language = locked.language
    if locked.asker_id:
        with translation.override(locked.asker.preferred_language or language):
            notify(
                recipient=locked.asker,
                kind="consultations.answered",
                title=_("Your question has been answered"),
                body=locked.answer,
                url=reverse("consultations:mine_detail", args=[locked.pk]),
            )
    else:
        address, subject_line, text = locked.email, locked.subject, locked.answer

        def send() -> None:
            with translation.override(language):
                send_mail(
                    _("Answer to your question: %(subject)s") % {"subject": subject_line},
                    text
                    + "\n\n"
                    + _("You can also read it with the private link we sent you earlier."),
                    None,
                    [address],
                )

        transaction.on_commit(send)
    return locked


@transaction.atomic
def consultation_hand_over(
    *, consultation: Consultation, actor: Any, to_home: Any, note: str
) -> Consultation:
    """Hand an open question to another Home (or, with `to_home` None, to the province) with a
    note; the answer time is not reset and the receiving staff are notified.

    Refuses staff of another Home, an empty note, the same Home, and a question not open."""
    _require(actor, consultation)
    if not (note or "").strip():
        raise ApplicationError(
            "note_required",
            gettext_lazy("Say why you hand the question over."),
            fields={"note": gettext_lazy("Say why you hand the question over.")},
        )
    locked = _locked_open(consultation)
    to_id = getattr(to_home, "pk", None)
    if to_id == locked.home_id:
        raise ApplicationError(
            "same_home",
            gettext_lazy("The question is already there."),
            fields={"to_home": gettext_lazy("Choose another Home or the province.")},
        )
    Handover.objects.create(
        consultation=locked, from_home=locked.home, to_home=to_home, note=note.strip(), by=actor
    )
    locked.home = to_home
    locked.save(update_fields=["home", "updated_at"])
    _notify_staff(locked, handed_over_by=actor)
    audit_record(
        actor=actor,
        action="consultations.hand_over",
        obj=locked,
        changes={"home": [consultation.home_id, to_id]},
        note=note.strip(),
    )
    return locked


@transaction.atomic
def consultation_publish(
    *,
    consultation: Consultation,
    actor: Any,
    question_zh: str = "",
    question_en: str = "",
    answer_zh: str = "",
    answer_en: str = "",
) -> Any:
    """Publish the question and answer, as anonymised by staff, in the item's FAQ.

    Refuses staff of another Home, a question whose asker did not consent, one not yet
    answered, one without a service item, and one already published."""
    from returnee_home.services.actions import faq_entry_create

    _require(actor, consultation)
    locked = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("item")
        .get(pk=consultation.pk)
    )
    if not locked.consent_to_publish:
        raise ApplicationError(
            "no_consent",
            gettext_lazy("The asker did not agree to publication."),
            status=403,
        )
    if locked.status != S.ANSWERED:
        raise ApplicationError(
            "not_answered", gettext_lazy("Answer the question first."), status=409
        )
    if locked.item is None:
        raise ApplicationError(
            "no_item", gettext_lazy("Only questions about a service item can be published.")
        )
    if locked.published_faq_id:
        raise ApplicationError(
            "already_published", gettext_lazy("This question is already published."), status=409
        )
    faq = faq_entry_create(
        item=locked.item,
        question_zh=question_zh,
        question_en=question_en,
        answer_zh=answer_zh,
        answer_en=answer_en,
        source="consultation",
        actor=actor,
    )
    locked.published_faq_id = faq.pk
    locked.save(update_fields=["published_faq_id", "updated_at"])
    audit_record(actor=actor, action="consultations.publish", obj=locked)
    return faq
