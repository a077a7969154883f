"""Saved searches and their alerts: new results e-mailed at most once a day per search."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from returnee_home.core.errors import ApplicationError
from returnee_home.jobs import selectors
from returnee_home.jobs.models import SavedSearch, SearchKind
from returnee_home.notifications.actions import notify

MAX_SAVED = 20
ALERT_INTERVAL = datetime.timedelta(days=1)
URL_NAMES = {
    SearchKind.POSTINGS: "jobs:search",
    SearchKind.DEMANDS: "jobs:demands",
    SearchKind.PROJECTS: "jobs:projects",
}


def results_for(kind: str, params: dict[str, Any]) -> Any:
    filters = selectors.SearchFilters.from_mapping(params)
    if kind == SearchKind.POSTINGS:
        return selectors.search_postings(filters)
    if kind == SearchKind.DEMANDS:
        return selectors.search_demands(filters)
    return selectors.search_projects(filters)


def search_url(search: SavedSearch) -> str:
    return f"{reverse(URL_NAMES[SearchKind(search.kind)])}?{urlencode(search.params)}"


def saved_search_create(
    *, user: Any, kind: str, name: str, params: dict[str, Any], alert: bool = True
) -> SavedSearch:
    """Save a search; only results newer than now will be alerted. Refuses a name already
    used by the person and more than 20 saved searches."""
    if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED:
        raise ApplicationError(
            "too_many", _("You can keep at most 20 saved searches: delete one first.")
        )
    newest = results_for(kind, params).order_by("-id").values_list("id", flat=True).first()
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                user=user,
                kind=kind,
                name=name.strip()[:100],
                params=params,
                alert=alert,
                last_seen_id=newest or 0,
            )
    except IntegrityError as exc:
        raise ApplicationError(
            "duplicate_name",
            _("You already have a saved search with this name."),
            fields={"name": _("Choose another name.")},
        ) from exc


def saved_search_alerts(*, now: datetime.datetime | None = None) -> int:
    """Send one notification per saved search with new results, unless that search was
    alerted less than a day ago. Returns how many alerts went out."""
    now = now or timezone.now()
    sent = 0
    due = SavedSearch.objects.filter(alert=True, user__is_active=True).select_related("user")
    for search in due.iterator(chunk_size=500):
        if search.last_alerted_at and now - search.last_alerted_at < ALERT_INTERVAL:
            continue
        new = results_for(search.kind, search.params).filter(id__gt=search.last_seen_id)
        ids = list(new.order_by("-id").values_list("id", flat=True)[:100])
        if not ids:
            continue
        with transaction.atomic():
            person = search.user
            with translation.override(person.preferred_language or "zh-hans"):
                notify(
                    recipient=person,
                    kind="jobs.saved_search",
                    title=ngettext(
                        "%(count)d new result for “%(name)s”",
                        "%(count)d new results for “%(name)s”",
                        len(ids),
                    )
                    % {"count": len(ids), "name": search.name},
                    body=gettext("Open the search to see what is new since the last alert."),
                    url=search_url(search),
                )
            search.last_alerted_at = now
            search.last_seen_id = max(ids)
            search.save(update_fields=["last_alerted_at", "last_seen_id", "updated_at"])
        sent += 1
    return sent
