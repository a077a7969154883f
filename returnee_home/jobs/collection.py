"""Institutional recommendation (a recommending institution submits a talent or a talent's
project with its letter; nothing exists for anyone else until the talent confirms by the
e-mailed link) and claiming a profile that centralised collection created."""

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.uploads import document_mime, is_too_large
from returnee_home.jobs.models import (
    Channel,
    ProfileClaim,
    ProjectStatus,
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
    TalentProject,
)
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import memberships_of
from returnee_home.talent import actions as talent_actions


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def recommender_organisations(user: Any) -> list[Any]:
    return [m.organisation for m in memberships_of(user) if m.role == Role.RECOMMENDER]


def recommendation_create(
    *,
    actor: Any,
    organisation: Any,
    kind: str,
    full_name: str,
    email: str,
    statement: str,
    letter: Any,
    project_data: dict[str, Any] | None = None,
    base_url: str = "",
) -> tuple[Recommendation, str]:
    """Record a recommendation and e-mail the talent the link to confirm or decline it.
    Refuses people who are not the institution's recommenders, a letter that is not a PDF,
    JPEG or PNG (read from its content), and a project without a title."""
    if not any(o.pk == organisation.pk for o in recommender_organisations(actor)):
        raise PermissionDeniedError()
    if is_too_large(letter):
        raise ApplicationError(
            "too_large", _("The file is too large."), fields={"letter": _("The file is too large.")}
        )
    mime = document_mime(letter)
    if mime is None:
        raise ApplicationError(
            "file_type",
            _("Upload the letter as a PDF, JPEG or PNG file."),
            fields={"letter": _("Upload the letter as a PDF, JPEG or PNG file.")},
        )
    project_data = project_data or {}
    if kind == RecommendationKind.PROJECT and not (
        project_data.get("title_zh") or project_data.get("title_en")
    ):
        raise ApplicationError(
            "title_required",
            _("Give the project a title in Chinese or in English."),
            fields={"project_title_zh": _("Give the project a title in Chinese or in English.")},
        )
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        recommendation = Recommendation(
            organisation=organisation,
            recommended_by=actor,
            kind=kind,
            full_name=full_name.strip()[:100],
            email=email.strip().lower(),
            statement=statement.strip()[:5000],
            letter_content_type=mime,
            project_data=project_data,
            token_hash=_hash(token),
        )
        recommendation.letter.save(letter.name, letter, save=False)
        recommendation.save()
        audit_record(
            actor=actor,
            action="jobs.recommendation_create",
            obj=recommendation,
            organisation_id=organisation.pk,
        )
        link = base_url + reverse("jobs:recommendation_answer", args=[token])
        subject = gettext("%(organisation)s has recommended you") % {
            "organisation": organisation.name
        }
        body = gettext(
            "%(organisation)s has recommended you on the Returnee Home platform of Jiangsu. "
            "Nothing about it is shown to anyone until you confirm. Open the link to read the "
            "recommendation and confirm or decline it:\n\n%(link)s"
        ) % {"organisation": organisation.name, "link": link}
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recommendation.email])
        )
    return recommendation, token


def recommendation_by_token(token: str) -> Recommendation:
    found = (
        Recommendation.objects.select_related("organisation")
        .filter(token_hash=_hash(token or ""))
        .first()
    )
    if found is None:
        raise NotFoundError()
    return found


def _verified_account(email: str, full_name: str, password: str | None) -> Any:
    """The account of `email`, created (with its address verified: the person holds the
    e-mailed link) when there is none."""
    from allauth.account.models import EmailAddress

    from returnee_home.accounts.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        if not password:
            raise ApplicationError(
                "password_required",
                _("Choose a password for your new account."),
                fields={"new_password1": _("Choose a password for your new account.")},
            )
        user = User(email=email, full_name=full_name)
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def recommendation_answer(
    *, recommendation: Recommendation, confirm: bool, actor: Any = None, password: str = ""
) -> Recommendation:
    """The talent confirms or declines. Confirming links the institution to their profile
    (creating account and profile if needed) and, for a project, creates it as published but
    not on a public showcase page (the owner decides that). Refuses an answered
    recommendation and a signed-in person other than the one recommended."""
    from returnee_home.talent.models import Channel as TalentChannel
    from returnee_home.talent.models import TalentProfile

    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if recommendation.status != RecommendationStatus.PENDING:
            raise ApplicationError(
                "answered", _("This recommendation has already been answered."), status=409
            )
        signed_in = getattr(actor, "is_authenticated", False)
        if signed_in and (actor.email or "").lower() != recommendation.email:
            raise PermissionDeniedError(
                _("This recommendation was sent to another e-mail address: sign out first.")
            )
        recommendation.answered_at = timezone.now()
        if not confirm:
            recommendation.status = RecommendationStatus.DECLINED
            recommendation.save(update_fields=["status", "answered_at", "updated_at"])
            audit_record(actor=actor, action="jobs.recommendation_decline", obj=recommendation)
            return recommendation
        user = (
            actor
            if signed_in
            else _verified_account(recommendation.email, recommendation.full_name, password)
        )
        profile, created = TalentProfile.objects.get_or_create(
            user=user,
            defaults={
                "channel": TalentChannel.RECOMMENDED,
                "recommended_by": recommendation.organisation,
            },
        )
        if created:
            talent_actions.inflow_refresh([profile.pk])
        if not created and profile.recommended_by_id is None:
            profile.recommended_by = recommendation.organisation
            profile.save(update_fields=["recommended_by", "updated_at"])
        recommendation.profile = profile
        if recommendation.kind == RecommendationKind.PROJECT:
            recommendation.project = _project_from(recommendation, profile)
        recommendation.status = RecommendationStatus.CONFIRMED
        recommendation.save()
        audit_record(actor=user, action="jobs.recommendation_confirm", obj=recommendation)
    return recommendation


def _project_from(recommendation: Recommendation, profile: Any) -> TalentProject:
    from returnee_home.jobs.actions import clean_terms, project_search_text

    data = recommendation.project_data
    now = timezone.now()
    project = TalentProject.objects.create(
        owner=profile,
        title_zh=str(data.get("title_zh", ""))[:200],
        title_en=str(data.get("title_en", ""))[:200],
        summary=str(data.get("summary", "")),
        results=str(data.get("results", "")),
        keywords=clean_terms(data.get("keywords", [])),
        stage=data.get("stage") or "idea",
        channel=Channel.INSTITUTION,
        brought_by=recommendation.recommended_by,
        source_organisation=recommendation.organisation,
        status=ProjectStatus.PUBLISHED,
        published_at=now,
        owner_confirmed_at=now,
    )
    project.search_text = project_search_text(project)
    project.save(update_fields=["search_text"])
    from returnee_home.core.cache import public_pages_changed

    public_pages_changed()
    return project


# --- Claims ------------------------------------------------------------------------------------


def claim_by_token(token: str) -> ProfileClaim:
    claim = (
        ProfileClaim.objects.select_related("profile__user")
        .filter(
            token_hash=_hash(token or ""), claimed_at__isnull=True, expires_at__gt=timezone.now()
        )
        .first()
    )
    if claim is None:
        raise NotFoundError(_("This link has expired or was already used."))
    return claim


def claim_accept(*, claim: ProfileClaim, password: str) -> Any:
    """The person takes over the profile collected for them: sets a password, their address
    counts as verified. Refuses a used or expired link."""
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        claim = ProfileClaim.objects.select_for_update().get(pk=claim.pk)
        if claim.claimed_at is not None or claim.expires_at <= timezone.now():
            raise NotFoundError(_("This link has expired or was already used."))
        user = claim.profile.user
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        claim.claimed_at = timezone.now()
        claim.save(update_fields=["claimed_at", "updated_at"])
        with translation.override(user.preferred_language or "zh-hans"):
            audit_record(actor=user, action="jobs.profile_claim", obj=claim.profile)
    return user
