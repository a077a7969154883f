"""Which dashboard a person may see, and the dashboards themselves, cached per scope, period,
filters and language until a table they are counted from is written."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from returnee_home.core.errors import NotFoundError, PermissionDeniedError
from returnee_home.core.models import City, ServiceCategory
from returnee_home.core.private_cache import cached_until_written
from returnee_home.dashboards import figures, province
from returnee_home.dashboards.blocks import Block, Figure
from returnee_home.dashboards.figures import Filters
from returnee_home.dashboards.periods import Period
from returnee_home.naming import stats as naming_stats
from returnee_home.orgs.models import Home
from returnee_home.orgs.selectors import admin_city_ids, is_province_admin, member_organisation_ids
from returnee_home.records.selectors import HOME_ROLES, _city_ids

# A built dashboard is served again until a table it was counted from is written, at most this
# long (memory, not freshness).
CACHE_SECONDS = 3600
BUILD_SECONDS = 30


@dataclass
class Dashboard:
    level: str  # "home" | "city" | "province"
    title: str
    period: Period
    filters: Filters
    figures: list[Figure] = field(default_factory=list)
    progress: dict[str, Any] | None = None
    blocks: list[Block] = field(default_factory=list)
    map: dict[str, Any] | None = None
    metric: str = ""
    cache_key: str = ""


def _homes() -> Any:
    return Home.objects.select_related("city", "city__parent")


def dashboard_level(user: Any) -> str | None:
    """The dashboard a person lands on: the widest they may see."""
    if is_province_admin(user):
        return "province"
    if admin_city_ids(user):
        return "city"
    if member_organisation_ids(user, HOME_ROLES):
        return "home"
    return None


def home_for(user: Any, home_id: int | None) -> Home:
    """The Home asked for (or the person's own): its staff and manager, its city's admins and
    the province see it; another Home is a 404, a person with no such role a 403."""
    level = dashboard_level(user)
    if level is None:
        raise PermissionDeniedError()
    own = member_organisation_ids(user, HOME_ROLES)
    if home_id is None:
        home = _homes().filter(carrier_id__in=own).order_by("code").first()
    else:
        home = _homes().filter(pk=home_id).first()
        if home is not None and not (
            level == "province" or home.city_id in admin_city_ids(user) or home.carrier_id in own
        ):
            home = None
    if home is None:
        raise NotFoundError()
    return home


def city_for(user: Any, city_id: int | None) -> City:
    """The prefecture asked for (or the admin's own): its admins and the province see it; Home
    staff get a 403, another city a 404."""
    province_admin = is_province_admin(user)
    cities = admin_city_ids(user)
    if not (province_admin or cities):
        raise PermissionDeniedError()
    if city_id is None:
        city = City.objects.filter(pk__in=cities, parent__isnull=True).order_by("code").first()
    else:
        city = City.objects.filter(pk=city_id, parent__isnull=True).first()
        if city is not None and not (province_admin or city.pk in cities):
            city = None
    if city is None:
        raise NotFoundError()
    return city


def check_province(user: Any) -> None:
    if not is_province_admin(user):
        raise PermissionDeniedError()


def categories() -> list[ServiceCategory]:
    return list(ServiceCategory.objects.order_by("sort_order", "pk"))


# --- Building the dashboards ----------------------------------------------------------------


def _cached(key_parts: tuple[Any, ...], build: Any, also: tuple[str, ...] = ()) -> Any:
    """The dashboard from the cache while none of the tables it was counted from has been
    written since, else built by one request while the others asking for the same one wait
    for it (see `core.private_cache.cached_until_written`)."""
    key = "dashboards:" + ":".join(str(p) for p in (get_language(), *key_parts))
    value = cached_until_written(key, build, CACHE_SECONDS, wait=BUILD_SECONDS, also=also)
    if isinstance(value, Dashboard):
        value.cache_key = key  # a page rendered from it is kept only as long as it is
    return value


def cached_html(key_parts: tuple[Any, ...], build: Any, dashboard: Dashboard) -> Any:
    """A rendered dashboard body, kept as long as the figures it shows."""
    return _cached(("html", *key_parts), build, also=(dashboard.cache_key,))


def _key(period: Period, filters: Filters) -> tuple[Any, ...]:
    return (
        period.kind,
        period.start,
        period.end,
        period.today,
        filters.channel,
        filters.category_id,
    )


def home_dashboard(home: Home, period: Period, filters: Filters) -> Dashboard:
    return _cached(
        ("home", home.pk, *_key(period, filters)),
        lambda: build_home_dashboard(home, period, filters),
    )


def city_dashboard(city: City, period: Period, filters: Filters) -> Dashboard:
    return _cached(
        ("city", city.pk, *_key(period, filters)),
        lambda: build_city_dashboard(city, period, filters),
    )


def province_dashboard(period: Period, filters: Filters, metric: str) -> Dashboard:
    return _cached(
        ("province", metric, *_key(period, filters)),
        lambda: build_province_dashboard(period, filters, metric),
    )


def build_home_dashboard(home: Home, period: Period, filters: Filters) -> Dashboard:
    row = figures.home_rows([home], period, filters)[home.pk]
    return Dashboard(
        "home",
        home.name,
        period,
        filters,
        figures=figures.headline(row, period),
        progress=figures.progress(row, period),
        blocks=[
            *figures.person_time_blocks([home.pk], period, filters, items=True),
            figures.activity_block(row),
            figures.rating_block([home.pk], period),
            figures.follow_up_block(row),
        ],
    )


def build_city_dashboard(city: City, period: Period, filters: Filters) -> Dashboard:
    place_ids = _city_ids(city)
    homes = list(_homes().filter(city_id__in=place_ids).order_by("code"))
    ids = [h.pk for h in homes]
    rows = figures.home_rows(homes, period, filters)
    city_total = figures.total(list(rows.values()))
    labelled = [
        (figures.short_name(h), reverse("dashboards:home") + f"?home={h.pk}", rows[h.pk])
        for h in homes
    ]
    batch = naming_stats.current_batch()
    naming_rows = naming_stats.applications_by_state(batch, place_ids)
    blocks = [
        figures.comparison_block(
            "homes", _("Homes side by side"), pgettext("dashboard", "Home"), labelled
        ),
        *figures.person_time_blocks(ids, period, filters, items=False),
        figures.activity_block(city_total),
        figures.rating_block(ids, period),
        figures.follow_up_block(city_total),
        Block(
            "naming",
            _("Applications of the current naming batch by state"),
            [pgettext("dashboard", "State"), pgettext("dashboard", "Applications")],
            [[r["label"], r["n"]] for r in naming_rows],
            chart="hbar",
            note=(
                _("Batch: %(batch)s") % {"batch": batch.title}
                if batch is not None and hasattr(batch, "title")
                else ""
            ),
        ),
    ]
    return Dashboard(
        "city",
        city.name,
        period,
        filters,
        figures=figures.headline(city_total, period, homes=len(homes)),
        progress=figures.progress(city_total, period, homes=len(homes)),
        blocks=blocks,
    )


def build_province_dashboard(period: Period, filters: Filters, metric: str) -> Dashboard:
    homes = list(_homes().order_by("code"))
    rows = figures.home_rows(homes, period, filters)
    cities = province.prefectures()
    by_city = province.city_rows(homes, rows)
    empty = dict.fromkeys(figures.ROW_KEYS, 0)
    labelled = [
        (c.name, reverse("dashboards:city") + f"?city={c.pk}", by_city.get(c.pk, empty))
        for c in cities
    ]
    talents = province.talents_by_prefecture(period, cities)
    province_total = figures.total(list(rows.values()))
    metric = metric if metric in dict(province.MAP_METRICS) else "period"
    return Dashboard(
        "province",
        _("Jiangsu Province"),
        period,
        filters,
        figures=figures.headline(province_total, period, homes=len(homes)),
        progress=figures.progress(province_total, period, homes=len(homes)),
        blocks=[
            figures.comparison_block(
                "cities", _("Cities side by side"), pgettext("dashboard", "City"), labelled
            ),
            *figures.person_time_blocks(None, period, filters, items=False),
            *province.inflow_blocks(period, cities, talents),
            *province.funnel_blocks(period),
            province.unmet_demands_block(),
            province.supply_without_demand_block(),
            province.league_block(homes, rows),
            figures.rating_block(None, period),
        ],
        map=province.province_map_context(
            cities, province.map_values(metric, cities, by_city, talents), metric
        ),
        metric=metric,
    )
