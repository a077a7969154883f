import datetime

import pytest
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.core.models import AuditRecord, City
from returnee_home.talent import actions
from returnee_home.talent.models import Education, LanguageSkill, ReturneeStatus, TalentProfile
from returnee_home.talent.tests.factories import (
    EducationFactory,
    LanguageSkillFactory,
    WorkExperienceFactory,
    country,
    degree_level,
    discipline,
    industry,
    language,
)

pytestmark = pytest.mark.django_db


def _education_args(**overrides: object) -> dict[str, object]:
    args: dict[str, object] = {
        "country": country("US", "美国", "United States"),
        "institution_zh": "斯坦福大学",
        "institution_en": "Stanford University",
        "degree_level": degree_level("doctorate", "博士", "Doctorate"),
        "discipline": discipline(),
        "field_of_study": "Computer vision",
        "start_date": datetime.date(2015, 9, 17),
        "end_date": datetime.date(2020, 6, 30),
    }
    args.update(overrides)
    return args


def _profile_args(**overrides: object) -> dict[str, object]:
    args: dict[str, object] = {
        "gender": "",
        "birth_year": 1990,
        "nationality": country("CN", "中国", "China"),
        "residence_country": country("CN", "中国", "China"),
        "current_city": City.objects.get(code="320100"),
        "returnee_status": ReturneeStatus.RETURNED,
        "return_date": datetime.date(2021, 3, 1),
        "headline_zh": " 算法工程师 ",
        "headline_en": "Algorithm engineer",
        "introduction_zh": "",
        "introduction_en": "",
        "desired_cities": City.objects.filter(code__in=["320100", "320500"]),
        "industries": [industry()],
    }
    args.update(overrides)
    return args


def test_get_or_create_is_idempotent() -> None:
    user = UserFactory()
    first = actions.profile_get_or_create_for(user)
    assert actions.profile_get_or_create_for(user) == first
    assert TalentProfile.objects.filter(user=user).count() == 1


def test_profile_update_creates_and_sets_everything() -> None:
    user = UserFactory()
    profile = actions.profile_update(user=user, **_profile_args())
    profile.refresh_from_db()
    assert profile.headline_zh == "算法工程师"
    assert profile.current_city.code == "320100"
    assert {c.code for c in profile.desired_cities.all()} == {"320100", "320500"}
    assert profile.industries.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"birth_year": 1800}, "birth_year"),
        ({"returnee_status": "astronaut"}, "returnee_status"),
        ({"return_date": timezone.localdate() + datetime.timedelta(days=40)}, "return_date"),
    ],
)
def test_profile_update_refuses(overrides: dict[str, object], field: str) -> None:
    with pytest.raises(ApplicationError) as caught:
        actions.profile_update(user=UserFactory(), **_profile_args(**overrides))
    assert field in caught.value.fields


def test_education_add_normalises_months() -> None:
    user = UserFactory()
    education = actions.education_add(user=user, **_education_args())
    assert education.start_date == datetime.date(2015, 9, 1)
    assert education.end_date == datetime.date(2020, 6, 1)
    assert education.profile.user == user


def test_education_end_before_start_is_an_error_on_the_end() -> None:
    with pytest.raises(ApplicationError) as caught:
        actions.education_add(
            user=UserFactory(),
            **_education_args(
                start_date=datetime.date(2020, 9, 1), end_date=datetime.date(2019, 6, 1)
            ),
        )
    assert caught.value.code == "end_before_start"
    assert set(caught.value.fields) == {"end_date"}
    assert not Education.objects.exists()


def test_education_same_month_start_and_end_is_allowed() -> None:
    education = actions.education_add(
        user=UserFactory(),
        **_education_args(
            start_date=datetime.date(2020, 9, 1), end_date=datetime.date(2020, 9, 30)
        ),
    )
    assert education.end_date == education.start_date


def test_education_refuses_missing_institution_category_and_future_start() -> None:
    user = UserFactory()
    with pytest.raises(ApplicationError) as caught:
        actions.education_add(user=user, **_education_args(institution_zh=" ", institution_en=""))
    assert "institution_zh" in caught.value.fields
    with pytest.raises(ApplicationError) as caught:
        actions.education_add(user=user, **_education_args(discipline=discipline().parent))
    assert "discipline" in caught.value.fields
    with pytest.raises(ApplicationError) as caught:
        actions.education_add(
            user=user,
            **_education_args(
                start_date=timezone.localdate() + datetime.timedelta(days=62), end_date=None
            ),
        )
    assert "start_date" in caught.value.fields


def test_education_update_withdraws_verification_when_verified_facts_change() -> None:
    education = EducationFactory(verified=True)
    user = education.profile.user
    unchanged = _education_args(
        country=education.country,
        institution_zh=education.institution_zh,
        institution_en=education.institution_en,
        degree_level=education.degree_level,
        discipline=education.discipline,
        start_date=education.start_date,
        end_date=education.end_date,
        field_of_study="Deep learning",
    )
    actions.education_update(user=user, education_id=education.pk, **unchanged)
    education.refresh_from_db()
    assert education.verified and education.field_of_study == "Deep learning"

    actions.education_update(
        user=user, education_id=education.pk, **{**unchanged, "institution_en": "Oxford"}
    )
    education.refresh_from_db()
    assert not education.verified


def test_another_persons_entries_are_not_found() -> None:
    education = EducationFactory()
    work = WorkExperienceFactory()
    skill = LanguageSkillFactory()
    intruder = UserFactory()
    with pytest.raises(NotFoundError):
        actions.education_update(user=intruder, education_id=education.pk, **_education_args())
    with pytest.raises(NotFoundError):
        actions.education_remove(user=intruder, education_id=education.pk)
    with pytest.raises(NotFoundError):
        actions.work_remove(user=intruder, work_id=work.pk)
    with pytest.raises(NotFoundError):
        actions.language_skill_remove(user=intruder, skill_id=skill.pk)
    assert Education.objects.filter(pk=education.pk).exists()


def test_work_add_update_remove() -> None:
    user = UserFactory()
    args = {
        "organisation_name": "华为",
        "country": country("CN", "中国", "China"),
        "city": "南京",
        "title": "工程师",
        "start_date": datetime.date(2021, 1, 5),
        "end_date": None,
        "description": "",
    }
    work = actions.work_add(user=user, **args)
    assert work.start_date.day == 1 and not work.is_overseas
    with pytest.raises(ApplicationError) as caught:
        actions.work_update(
            user=user, work_id=work.pk, **{**args, "end_date": datetime.date(2020, 1, 1)}
        )
    assert "end_date" in caught.value.fields
    actions.work_update(user=user, work_id=work.pk, **{**args, "title": "高级工程师"})
    work.refresh_from_db()
    assert work.title == "高级工程师"
    actions.work_remove(user=user, work_id=work.pk)
    assert not user.talent_profile.work_experiences.exists()


def test_language_skill_set_adds_then_changes_level() -> None:
    user = UserFactory()
    actions.language_skill_set(user=user, language=language(), level="basic")
    actions.language_skill_set(user=user, language=language(), level="native")
    assert list(
        LanguageSkill.objects.filter(profile__user=user).values_list("level", flat=True)
    ) == ["native"]
    with pytest.raises(ApplicationError):
        actions.language_skill_set(user=user, language=language(), level="godlike")


def test_showcase_consent_is_recorded_and_audited() -> None:
    user = UserFactory()
    profile = actions.profile_set_showcase_consent(user=user, consent=True)
    assert profile.showcase_consent and profile.showcase_consent_at is not None
    profile = actions.profile_set_showcase_consent(user=user, consent=False)
    assert not profile.showcase_consent and profile.showcase_consent_at is None
    actions_logged = list(
        AuditRecord.objects.filter(object_type="talent.talentprofile").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions_logged) == [
        "talent.showcase_consent_given",
        "talent.showcase_consent_withdrawn",
    ]
