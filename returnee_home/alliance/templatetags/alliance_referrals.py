"""The referrals card on a request's staff page: `{% load alliance_referrals %}` then
`{% request_referrals case %}` shows the request's referrals to alliance members and the link
to refer it, for the staff of the request's Home only."""

from typing import Any

from django import template
from django.utils import timezone

from returnee_home.alliance import referral_selectors
from returnee_home.alliance.referral_actions import REFERABLE_STATES

register = template.Library()


@register.inclusion_tag("alliance/includes/request_referrals.html", takes_context=True)
def request_referrals(context: template.Context, case: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or case.home_id not in referral_selectors.referring_home_ids(user):
        return {"show": False}
    rows = referral_selectors.referrals_of_request(case)
    today = timezone.localdate()
    for referral in rows:
        referral.overdue = referral.is_overdue(today)
    return {
        "show": True,
        "case": case,
        "referrals": rows,
        "can_refer": case.state in REFERABLE_STATES and not any(r.is_open for r in rows),
    }
