"""The new-talent figures (inflow tally) kept by the talent actions, against direct counts over
the raw profiles and education entries, for periods of whole months, edge days and a talent
registered on 31 December at 23:59 Asia/Shanghai."""

import datetime as dt
from typing import Any

import pytest
from django.db.models import Count

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.models import City
from returnee_home.records.stats import day_bounds
from returnee_home.talent import actions, stats
from returnee_home.talent.inflow import inflow_rebuild
from returnee_home.talent.models import Education, InflowMonth, TalentProfile
from returnee_home.talent.tests.factories import country, degree_level, discipline
from returnee_home.talent.tests.test_actions import _education_args, _profile_args

pytestmark = pytest.mark.django_db
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
PERIODS = [
    (dt.date(2025, 12, 1), dt.date(2025, 12, 31)),  # a whole month
    (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
    (dt.date(2025, 12, 31), dt.date(2025, 12, 31)),  # one day
    (dt.date(2025, 11, 15), dt.date(2026, 2, 10)),  # edges and whole months
    (dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
]


def _registered(user: Any, at: dt.datetime) -> TalentProfile:
    """A profile registered at `at` (the tally is told, as the actions would be)."""
    profile = actions.profile_get_or_create_for(user)
    TalentProfile.objects.filter(pk=profile.pk).update(created_at=at)
    actions.inflow_refresh([profile.pk])
    return profile


def raw_by(column: str, start: dt.date, end: dt.date) -> dict[Any, int]:
    low, high = day_bounds(start, end)
    rows = (
        Education.objects.filter(profile__created_at__gte=low, profile__created_at__lt=high)
        .values(column)
        .annotate(n=Count("profile_id", distinct=True))
    )
    return {r[column]: r["n"] for r in rows}


def raw_by_city(start: dt.date, end: dt.date) -> dict[Any, int]:
    low, high = day_bounds(start, end)
    rows = (
        TalentProfile.objects.filter(created_at__gte=low, created_at__lt=high)
        .values("current_city_id")
        .annotate(n=Count("pk"))
    )
    return {r["current_city_id"]: r["n"] for r in rows}


def totals() -> list[tuple[Any, ...]]:
    """The month totals that count something (a row brought back to 0 may stay)."""
    return sorted(
        InflowMonth.objects.exclude(count=0).values_list("month", "dimension", "value_id", "count")
    )


@pytest.fixture
def talents() -> list[TalentProfile]:
    uk, us = country(), country("US", "美国", "United States")
    physics = discipline("0702", "物理学", "Physics")
    master = degree_level()
    users = [UserFactory() for _ in range(4)]
    # 31 December at 23:59 in Shanghai is still December (15:59 UTC).
    late = _registered(users[0], dt.datetime(2025, 12, 31, 23, 59, tzinfo=SHANGHAI))
    early = _registered(users[1], dt.datetime(2026, 1, 1, 0, 0, tzinfo=SHANGHAI))
    _registered(users[2], dt.datetime(2025, 11, 20, 9, 0, tzinfo=SHANGHAI))
    _registered(users[3], dt.datetime(2026, 2, 11, 9, 0, tzinfo=SHANGHAI))
    # Two degrees in the same country count once for that country, once for each degree.
    actions.education_add(user=users[0], **_education_args(country=uk))
    actions.education_add(
        user=users[0], **_education_args(country=uk, degree_level=master, discipline=physics)
    )
    actions.education_add(user=users[1], **_education_args(country=us))
    removed = actions.education_add(user=users[2], **_education_args(country=us))
    actions.education_remove(user=users[2], education_id=removed.pk)
    actions.education_add(user=users[2], **_education_args(country=uk))
    actions.profile_update(user=users[1], **_profile_args())
    actions.profile_update(
        user=users[1], **_profile_args(current_city=City.objects.get(code="320500"))
    )
    return [late, early]


def test_inflow_equals_raw_counts_for_every_period(talents: list[TalentProfile]) -> None:
    for start, end in PERIODS:
        low, high = day_bounds(start, end)
        assert (
            stats.inflow_total(start, end)
            == TalentProfile.objects.filter(created_at__gte=low, created_at__lt=high).count()
        ), (start, end)
        assert stats.inflow_by_city(start, end) == raw_by_city(start, end), (start, end)
        for group, column in (
            ("country", "country_id"),
            ("discipline", "discipline_id"),
            ("degree", "degree_level_id"),
        ):
            assert {r["id"]: r["n"] for r in stats.inflow_by(group, start, end)} == raw_by(
                column, start, end
            ), (group, start, end)
    months = stats.inflow_by_month(dt.date(2025, 11, 15), dt.date(2026, 2, 10))
    assert list(months.values()) == [1, 1, 1, 0]  # the February talent came on the 11th
    uk = stats.inflow_by("country", dt.date(2025, 12, 31), dt.date(2025, 12, 31))
    assert [(r["name_en"], r["n"]) for r in uk] == [("United Kingdom", 1)]


def test_a_change_that_does_not_touch_the_figures_writes_nothing_and_recount_agrees(
    talents: list[TalentProfile],
) -> None:
    before = totals()
    actions.inflow_refresh([p.pk for p in talents])
    assert totals() == (before)
    inflow_rebuild()
    assert totals() == (before)
    # A deleted profile leaves the figures once it is refreshed.
    gone = talents[0].pk
    TalentProfile.objects.filter(pk=gone).delete()
    actions.inflow_refresh([gone])
    assert stats.inflow_total(dt.date(2025, 12, 1), dt.date(2025, 12, 31)) == 0


def test_a_purged_account_leaves_an_anonymous_hidden_profile(
    talents: list[TalentProfile], django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from returnee_home.accounts.actions import account_purge
    from returnee_home.core.storage import private_storage
    from returnee_home.talent.tests.test_matching_profile import PDF

    profile = talents[1]
    user = profile.user
    actions.profile_cv_upload(user=user, upload=SimpleUploadedFile("cv.pdf", PDF))
    cv_name = TalentProfile.objects.get(pk=profile.pk).cv.name
    assert private_storage().exists(cv_name)
    user.deletion_requested_at = timezone.now() - dt.timedelta(days=60)
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        account_purge(user=user)
    profile.refresh_from_db()
    assert not private_storage().exists(cv_name)
    assert (profile.headline_zh, profile.introduction_en, profile.cv.name) == ("", "", "")
    assert profile.birth_year is None and not profile.showcase_consent
    assert profile.visibility_summary == profile.visibility_cv == "hidden"
    assert not Education.objects.filter(profile=profile).exists()
    # The new-talent figures still match the records (the talent counts, without education).
    assert stats.inflow_total(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == 1
    assert raw_by("country_id", dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == {}
    assert stats.inflow_by("country", dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == []
