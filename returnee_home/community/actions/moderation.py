"""Moderation: reports by anyone, and the moderators' decisions (publish a held post, hide or
restore content, dismiss a report, warn, suspend, ban, lift), each with a reason the member
sees and an audit record; the province appoints member moderators and keeps the sensitive-word
list."""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.community import markup, selectors
from returnee_home.community.actions.forum import _published_reply, _published_thread, _unpublished
from returnee_home.community.models import (
    Message,
    Moderator,
    PartnerPost,
    PostStatus,
    Reply,
    Report,
    Sanction,
    SensitiveWord,
    Thread,
)
from returnee_home.core.audit import audit_record
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.notifications.actions import notify

MAX_SUSPENSION_DAYS = 365


def _require_moderator(actor: Any) -> None:
    if not selectors.is_moderator(actor):
        raise PermissionDeniedError()


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        message = gettext_lazy("Give a reason: the member will see it.")
        raise ApplicationError("reason_required", message, fields={"reason": message})
    return reason[:2000]


def _tell(member: Any, *, title: Any, body: Any, url: str = "") -> None:
    if member is None or not member.is_active:
        return
    with translation.override(member.preferred_language):
        notify(
            recipient=member, kind="community.moderation", title=str(title()),
            body=str(body()), url=url or reverse("community:standing"),
        )  # fmt: skip


@transaction.atomic
def report_create(
    *,
    reporter: Any,
    reason: str,
    detail: str = "",
    thread: Thread | None = None,
    reply: Reply | None = None,
    message: Message | None = None,
    member: Any = None,
) -> Report:
    """Report a thread, reply, message or member to the moderators. Refuses signed-out
    visitors, an unknown reason, reporting oneself and a second open report of the same."""
    if not getattr(reporter, "is_authenticated", False):
        raise PermissionDeniedError(gettext_lazy("Sign in to report."))
    if reason not in Report.Reason.values:
        text = gettext_lazy("Choose a reason.")
        raise ApplicationError("bad_reason", text, fields={"reason": text})
    if member is not None and member.pk == reporter.pk:
        raise ApplicationError("self_report", gettext_lazy("You cannot report yourself."))
    target = {"thread": thread, "reply": reply, "message": message, "member": member}
    if sum(v is not None for v in target.values()) != 1:
        raise ApplicationError("bad_target", gettext_lazy("Report one thing at a time."))
    existing = Report.objects.filter(reporter=reporter, status=Report.Status.OPEN, **target)
    if existing.exists():
        raise ApplicationError(
            "already_reported",
            gettext_lazy("You have already reported this; the moderators will look at it."),
        )
    detail = (detail or "").strip()
    if len(detail) > 2000:
        text = gettext_lazy("Keep the details under 2,000 characters.")
        raise ApplicationError("too_long", text, fields={"detail": text})
    return Report.objects.create(reporter=reporter, reason=reason, detail=detail, **target)


def _close_reports(actor: Any, resolution: str, **target: Any) -> None:
    Report.objects.filter(status=Report.Status.OPEN, **target).update(
        status=Report.Status.ACTIONED, handled_by=actor, handled_at=timezone.now(),
        resolution=resolution,
    )  # fmt: skip


def _post_url(post: Thread | Reply) -> str:
    if isinstance(post, Thread):
        return reverse("community:thread", args=[post.pk])
    page = -(-post.position // selectors.REPLIES_PER_PAGE)
    return f"{reverse('community:thread', args=[post.thread_id])}?page={page}#r{post.position}"


@transaction.atomic
def content_hide(
    *,
    actor: Any,
    reason: str,
    thread: Thread | None = None,
    reply: Reply | None = None,
    message: Message | None = None,
    partner_post: PartnerPost | None = None,
) -> Any:
    """Hide a post, message or partner post, telling its author why; its open reports are
    closed as acted on. Moderators only; a reason is required."""
    _require_moderator(actor)
    reason = _require_reason(reason)
    target: Any = next(t for t in (thread, reply, message, partner_post) if t is not None)
    target = type(target).objects.select_for_update().get(pk=target.pk)
    if target.status == PostStatus.HIDDEN:
        raise ApplicationError("already_hidden", gettext_lazy("This is already hidden."))
    was = target.status
    target.status = PostStatus.HIDDEN
    if hasattr(target, "moderation_reason"):
        target.moderation_reason = reason
    target.save()
    if was == PostStatus.PUBLISHED and isinstance(target, Thread | Reply):
        _unpublished(target)
    key = type(target).__name__.lower()
    if key in {"thread", "reply", "message"}:
        _close_reports(actor, reason, **{key: target})
    author = getattr(target, "author", None) or getattr(target, "sender", None)
    audit_record(
        actor=actor, action="community.content_hidden", obj=target, note=reason,
        changes={"status": [was, PostStatus.HIDDEN]},
    )  # fmt: skip
    excerpt = markup.plain_text(getattr(target, "title", "") or getattr(target, "body", ""), 80)
    _tell(
        author,
        title=lambda: _("A moderator hid your post"),
        body=lambda: (
            _("“%(excerpt)s” was hidden. Reason: %(reason)s")
            % {"excerpt": excerpt, "reason": reason}
        ),
    )
    public_pages_changed()
    return target


@transaction.atomic
def content_restore(
    *,
    actor: Any,
    reason: str = "",
    thread: Thread | None = None,
    reply: Reply | None = None,
    message: Message | None = None,
    partner_post: PartnerPost | None = None,
) -> Any:
    """Publish a held post or restore a hidden one, telling its author. Moderators only."""
    _require_moderator(actor)
    target: Any = next(t for t in (thread, reply, message, partner_post) if t is not None)
    target = type(target).objects.select_for_update().get(pk=target.pk)
    was = target.status
    published = PartnerPost.Status.OPEN if isinstance(target, PartnerPost) else PostStatus.PUBLISHED
    if was == published:
        raise ApplicationError("already_published", gettext_lazy("This is already published."))
    target.status = published
    if hasattr(target, "moderation_reason"):
        target.moderation_reason = ""
    if isinstance(target, Thread) and was == PostStatus.HELD:
        target.last_activity_at = timezone.now()
    target.save()
    if isinstance(target, Thread):
        _published_thread(target)
    elif isinstance(target, Reply):
        _published_reply(target, Thread.objects.select_related("board").get(pk=target.thread_id))
    audit_record(
        actor=actor,
        action="community.held_published" if was == PostStatus.HELD else "community.restored",
        obj=target, note=reason, changes={"status": [was, published]},
    )  # fmt: skip
    author = getattr(target, "author", None) or getattr(target, "sender", None)
    url = _post_url(target) if isinstance(target, Thread | Reply) else ""
    _tell(
        author,
        title=lambda: (
            _("Your post has been published")
            if was == PostStatus.HELD
            else _("A moderator restored your post")
        ),
        body=lambda: _("A moderator reviewed your post and it is now visible."),
        url=url,
    )
    public_pages_changed()
    return target


@transaction.atomic
def report_dismiss(*, actor: Any, report: Report, reason: str) -> Report:
    """Close a report without acting on the content. Moderators only; a reason is required."""
    _require_moderator(actor)
    reason = _require_reason(reason)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.OPEN:
        raise ApplicationError("closed", gettext_lazy("This report is already closed."))
    report.status, report.handled_by, report.handled_at = (
        Report.Status.DISMISSED, actor, timezone.now(),
    )  # fmt: skip
    report.resolution = reason
    report.save()
    audit_record(actor=actor, action="community.report_dismissed", obj=report, note=reason)
    return report


@transaction.atomic
def member_sanction(
    *,
    actor: Any,
    member: Any,
    kind: str,
    reason: str,
    days: int | None = None,
    report: Report | None = None,
) -> Sanction:
    """Warn, suspend for a number of days (1–365), or ban a member, with the reason they see.
    Moderators only; refuses sanctioning oneself or another moderator."""
    _require_moderator(actor)
    reason = _require_reason(reason)
    if kind not in Sanction.Kind.values:
        raise ApplicationError("bad_kind", gettext_lazy("Choose warning, suspension or ban."))
    if member.pk == actor.pk or selectors.is_moderator(member):
        raise ApplicationError(
            "protected", gettext_lazy("Moderators cannot sanction themselves or each other.")
        )
    ends_at = None
    if kind == Sanction.Kind.SUSPENSION:
        if not days or not 1 <= int(days) <= MAX_SUSPENSION_DAYS:
            text = gettext_lazy("Suspend for 1 to %(max)s days.") % {"max": MAX_SUSPENSION_DAYS}
            raise ApplicationError("bad_days", text, fields={"days": text})
        ends_at = timezone.now() + dt.timedelta(days=int(days))
    sanction = Sanction.objects.create(
        member=member, kind=kind, reason=reason, ends_at=ends_at, moderator=actor
    )
    if report is not None:
        _close_reports(actor, reason, pk=report.pk)
    _close_reports(actor, reason, member=member)
    audit_record(
        actor=actor, action=f"community.member_{kind}", obj=member, note=reason,
        changes={"ends_at": [None, ends_at.isoformat() if ends_at else None]},
    )  # fmt: skip

    def body() -> str:
        if kind == Sanction.Kind.WARNING:
            return _("A moderator warned you. Reason: %(reason)s") % {"reason": reason}
        if kind == Sanction.Kind.BAN:
            return _("You are banned from the community. Reason: %(reason)s") % {"reason": reason}
        return _("You are suspended from the community until %(date)s. Reason: %(reason)s") % {
            "date": date_format(timezone.localtime(ends_at), "SHORT_DATETIME_FORMAT"),
            "reason": reason,
        }

    _tell(member, title=lambda: _("A decision of the community moderators"), body=body)
    return sanction


@transaction.atomic
def sanction_lift(*, actor: Any, sanction: Sanction, reason: str) -> Sanction:
    """End a suspension or ban early. Moderators only; a reason is required."""
    _require_moderator(actor)
    reason = _require_reason(reason)
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.lifted_at is not None:
        raise ApplicationError("lifted", gettext_lazy("This has already been lifted."))
    sanction.lifted_at = timezone.now()
    sanction.save(update_fields=["lifted_at", "updated_at"])
    audit_record(actor=actor, action="community.sanction_lifted", obj=sanction.member, note=reason)
    _tell(
        sanction.member,
        title=lambda: _("A moderator lifted a restriction on your account"),
        body=lambda: _("Reason: %(reason)s") % {"reason": reason},
    )
    return sanction


@transaction.atomic
def moderator_appoint(*, actor: Any, member: Any) -> Moderator:
    """Appoint a member as community moderator. Province admins only."""
    if not selectors.is_province_admin(actor):
        raise PermissionDeniedError()
    moderator, created = Moderator.objects.get_or_create(
        user=member, defaults={"appointed_by": actor}
    )
    if not created:
        raise ApplicationError("already", gettext_lazy("This member is already a moderator."))
    audit_record(actor=actor, action="community.moderator_appointed", obj=member)
    return moderator


@transaction.atomic
def moderator_remove(*, actor: Any, moderator: Moderator) -> None:
    """End a member moderator's appointment. Province admins only."""
    if not selectors.is_province_admin(actor):
        raise PermissionDeniedError()
    audit_record(actor=actor, action="community.moderator_removed", obj=moderator.user)
    moderator.delete()


@transaction.atomic
def sensitive_word_add(*, actor: Any, word: str, note: str = "") -> SensitiveWord:
    """Add a word or phrase (any language) to the list. Province admins only; refuses a word
    that is empty once spaces and punctuation are removed, and one already on the list."""
    if not selectors.is_province_admin(actor):
        raise PermissionDeniedError()
    normalised = markup.normalise(word)
    if not normalised:
        text = gettext_lazy("Enter a word or phrase with letters or characters.")
        raise ApplicationError("empty", text, fields={"word": text})
    try:
        with transaction.atomic():
            entry = SensitiveWord.objects.create(
                word=word.strip()[:100], normalised=normalised[:100], note=note[:200],
                created_by=actor,
            )  # fmt: skip
    except IntegrityError as exc:
        text = gettext_lazy("This word is already on the list.")
        raise ApplicationError("duplicate", text, fields={"word": text}) from exc
    audit_record(actor=actor, action="community.sensitive_word_added", obj=entry)
    return entry


@transaction.atomic
def sensitive_word_remove(*, actor: Any, entry: SensitiveWord) -> None:
    """Take a word off the list. Province admins only."""
    if not selectors.is_province_admin(actor):
        raise PermissionDeniedError()
    audit_record(actor=actor, action="community.sensitive_word_removed", obj=entry)
    entry.delete()


def report_target_or_404(kind: str, pk: int, user: Any) -> dict[str, Any]:
    """The object a person reports, checked to be visible to them."""
    from django.contrib.auth import get_user_model

    if kind == "thread":
        return {"thread": selectors.thread_for(user, pk)}
    if kind == "reply":
        return {"reply": selectors.reply_for(user, pk)}
    if kind == "message":
        return {"message": selectors.message_for(user, pk)}
    if kind == "member":
        member = get_user_model().objects.filter(pk=pk, is_active=True).first()
        if member is None:
            raise NotFoundError()
        return {"member": member}
    raise NotFoundError()
