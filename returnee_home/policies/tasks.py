"""Background work of the policy library: telling talents about a newly published benefit."""

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from returnee_home.notifications.actions import notify
from returnee_home.policies.entitlements import Names, Outcome, evaluate, facts_from_profile
from returnee_home.policies.models import Benefit, BenefitNotice

BATCH = 500


@shared_task(name="policies.notify_qualifying_talents")
def notify_qualifying_talents(benefit_id: int) -> int:
    """Notify each talent who qualifies (or will once their degree is verified) for a
    published benefit and has not been told about it before. Returns how many were told."""
    from returnee_home.talent.models import TalentProfile

    benefit = (
        Benefit.objects.filter(pk=benefit_id, status=Benefit.Status.PUBLISHED)
        .select_related("policy")
        .prefetch_related("conditions__degree_level")
        .first()
    )
    if benefit is None:
        return 0
    names = Names.load()
    told = set(BenefitNotice.objects.filter(benefit=benefit).values_list("user_id", flat=True))
    profiles = (
        TalentProfile.objects.filter(user__is_active=True)
        .select_related("user")
        .prefetch_related(
            "educations__degree_level",
            "educations__country",
            "educations__discipline__parent",
            "work_experiences__country",
        )
        .order_by("pk")
    )
    count = 0
    last = 0
    while True:
        batch = list(profiles.filter(pk__gt=last)[:BATCH])
        if not batch:
            break
        last = batch[-1].pk
        for profile in batch:
            if profile.user_id in told:
                continue
            result = evaluate(benefit, facts_from_profile(profile), names)
            if result.outcome not in (Outcome.MET, Outcome.UNVERIFIED):
                continue
            _tell(profile.user, benefit)
            count += 1
    return count


def _tell(user: object, benefit: Benefit) -> None:
    language = getattr(user, "preferred_language", "") or "zh-hans"
    with transaction.atomic(), translation.override(language):
        _notice, created = BenefitNotice.objects.get_or_create(benefit=benefit, user=user)
        if not created:
            return
        notify(
            recipient=user,
            kind="policies.benefit",
            title=_("A benefit you may qualify for: %(title)s") % {"title": benefit.title},
            body=_("Published under “%(policy)s”. See why you may qualify and how to apply.")
            % {"policy": benefit.policy.title},
            url=reverse("policies:benefits"),
        )
