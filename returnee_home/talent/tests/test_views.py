import datetime
import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from returnee_home.accounts.personal_data import collect
from returnee_home.talent.models import Education, LanguageSkill, WorkExperience
from returnee_home.talent.tests.factories import (
    EducationFactory,
    LanguageSkillFactory,
    TalentProfileFactory,
    WorkExperienceFactory,
    country,
    degree_level,
    discipline,
    language,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("returnee_home.talent.tests.urls")]

HTMX = {"HTTP_HX_REQUEST": "true"}


def _education_post(**overrides: str) -> dict[str, str]:
    data = {
        "education-country": str(country().pk),
        "education-institution_zh": "帝国理工学院",
        "education-institution_en": "Imperial College London",
        "education-degree_level": str(degree_level().pk),
        "education-discipline": str(discipline().pk),
        "education-field_of_study": "Robotics",
        "education-start_date": "2018-09",
        "education-end_date": "2019-10",
    }
    data.update(overrides)
    return data


def _work_post(**overrides: str) -> dict[str, str]:
    data = {
        "work-organisation_name": "Arm",
        "work-title": "Chip designer",
        "work-country": str(country().pk),
        "work-city": "Cambridge",
        "work-start_date": "2019-11",
        "work-end_date": "",
        "work-description": "",
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("talent:profile"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_first_visit_creates_an_empty_profile(talent_client: Client, talent_user: Any) -> None:
    response = talent_client.get(reverse("talent:profile"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<progress max="100" value="0"' in html
    assert talent_user.talent_profile.showcase_consent is False


def test_profile_page_in_english(talent_client: Client, profile: Any) -> None:
    response = talent_client.get("/en/talent/")
    assert response.status_code == 200
    assert "My talent profile" in response.content.decode()
    response = talent_client.get("/talent/")
    assert "我的人才档案" in response.content.decode()


def test_edit_profile(talent_client: Client, talent_user: Any) -> None:
    response = talent_client.get(reverse("talent:profile_edit"))
    assert response.status_code == 200
    response = talent_client.post(
        reverse("talent:profile_edit"),
        {
            "headline_zh": "芯片设计师",
            "headline_en": "Chip designer",
            "introduction_zh": "",
            "introduction_en": "Ten years in Cambridge.",
            "returnee_status": "abroad",
            "return_date": "",
            "nationality": str(country("CN", "中国", "China").pk),
            "residence_country": str(country().pk),
            "current_city": "",
            "desired_cities": [],
            "industries": [],
            "gender": "female",
            "birth_year": "1988",
        },
    )
    assert response.status_code == 302
    profile = talent_user.talent_profile
    profile.refresh_from_db()
    assert profile.headline_en == "Chip designer"
    assert profile.returnee_status == "abroad"
    assert profile.birth_year == 1988


def test_profile_form_error_keeps_input_in_users_language(talent_client: Client) -> None:
    data = {
        "headline_zh": "保留我输入的标题",
        "returnee_status": "returned",
        "birth_year": "1850",
    }
    response = talent_client.post(reverse("talent:profile_edit"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "保留我输入的标题" in html
    assert 'id="id_birth_year_error"' in html
    assert "出生年份" in html


def test_add_education_without_javascript(talent_client: Client, talent_user: Any) -> None:
    assert talent_client.get(reverse("talent:education_add")).status_code == 200
    response = talent_client.post(reverse("talent:education_add"), _education_post())
    assert response.status_code == 302
    assert response["Location"].endswith("#education")
    education = Education.objects.get(profile__user=talent_user)
    assert education.start_date == datetime.date(2018, 9, 1)


def test_add_education_with_htmx_swaps_the_section(talent_client: Client) -> None:
    form = talent_client.get(reverse("talent:education_add"), **HTMX)
    assert 'id="education"' in form.content.decode()
    assert "<html" not in form.content.decode()
    response = talent_client.post(reverse("talent:education_add"), _education_post(), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Imperial College London" in html or "帝国理工学院" in html
    assert 'id="completeness"' in html and 'hx-swap-oob="true"' in html


def test_education_end_before_start_errors_on_end_and_keeps_input(talent_client: Client) -> None:
    data = _education_post(**{"education-end_date": "2017-06"})
    for extra in ({}, HTMX):
        response = talent_client.post(reverse("talent:education_add"), data, **extra)
        html = response.content.decode()
        assert response.status_code == 200
        assert 'id="id_education-end_date_error"' in html
        assert "结束时间不能早于开始时间" in html
        assert 'value="帝国理工学院"' in html
        assert 'value="2017-06"' in html
    assert not Education.objects.exists()


def test_education_bad_month_is_a_field_error(talent_client: Client) -> None:
    data = _education_post(**{"education-start_date": "autumn"})
    response = talent_client.post("/en/talent/education/add/", data)
    html = response.content.decode()
    assert 'id="id_education-start_date_error"' in html
    assert "Enter a month as year and month" in html


def test_edit_and_remove_own_education(talent_client: Client, profile: Any) -> None:
    education = EducationFactory(profile=profile)
    url = reverse("talent:education_edit", args=[education.pk])
    page = talent_client.get(url)
    assert 'value="2019-09"' in page.content.decode()
    response = talent_client.post(url, _education_post(**{"education-field_of_study": "SLAM"}))
    assert response.status_code == 302
    education.refresh_from_db()
    assert education.field_of_study == "SLAM"
    response = talent_client.post(reverse("talent:education_remove", args=[education.pk]), **HTMX)
    assert response.status_code == 200
    assert not Education.objects.filter(pk=education.pk).exists()


def test_another_persons_rows_answer_404(talent_client: Client, profile: Any) -> None:
    education = EducationFactory()
    work = WorkExperienceFactory()
    skill = LanguageSkillFactory()
    for url in (
        reverse("talent:education_edit", args=[education.pk]),
        reverse("talent:work_edit", args=[work.pk]),
    ):
        assert talent_client.get(url).status_code == 404
    assert (
        talent_client.post(
            reverse("talent:education_edit", args=[education.pk]), _education_post()
        ).status_code
        == 404
    )
    for url in (
        reverse("talent:education_remove", args=[education.pk]),
        reverse("talent:work_remove", args=[work.pk]),
        reverse("talent:language_remove", args=[skill.pk]),
    ):
        assert talent_client.post(url).status_code == 404
    assert Education.objects.filter(pk=education.pk).exists()
    assert WorkExperience.objects.filter(pk=work.pk).exists()
    assert LanguageSkill.objects.filter(pk=skill.pk).exists()


def test_remove_needs_post(talent_client: Client, profile: Any) -> None:
    education = EducationFactory(profile=profile)
    url = reverse("talent:education_remove", args=[education.pk])
    assert talent_client.get(url).status_code == 405


def test_work_add_edit_remove(talent_client: Client, talent_user: Any) -> None:
    response = talent_client.post(reverse("talent:work_add"), _work_post(), **HTMX)
    assert "Chip designer" in response.content.decode()
    work = WorkExperience.objects.get(profile__user=talent_user)
    response = talent_client.post(
        reverse("talent:work_edit", args=[work.pk]),
        _work_post(**{"work-end_date": "2019-01"}),
    )
    assert 'id="id_work-end_date_error"' in response.content.decode()
    response = talent_client.post(reverse("talent:work_remove", args=[work.pk]))
    assert response.status_code == 302
    assert not WorkExperience.objects.exists()


def test_languages(talent_client: Client, talent_user: Any) -> None:
    data = {"language-language": str(language().pk), "language-level": "fluent"}
    response = talent_client.post(reverse("talent:language_add"), data, **HTMX)
    assert response.status_code == 200
    skill = LanguageSkill.objects.get(profile__user=talent_user)
    assert skill.level == "fluent"
    response = talent_client.post(
        reverse("talent:language_add"), {"language-language": "", "language-level": "fluent"}
    )
    assert 'id="id_language-language_error"' in response.content.decode()
    response = talent_client.post(reverse("talent:language_remove", args=[skill.pk]))
    assert response.status_code == 302
    assert not LanguageSkill.objects.exists()


def test_showcase_toggle(talent_client: Client, profile: Any) -> None:
    page = talent_client.get(reverse("talent:profile")).content.decode()
    assert "您的档案未公开展示" in page
    talent_client.post(reverse("talent:showcase"), {"showcase_consent": "on"})
    profile.refresh_from_db()
    assert profile.showcase_consent
    talent_client.post(reverse("talent:showcase"), {})
    profile.refresh_from_db()
    assert not profile.showcase_consent


def test_showcase_needs_csrf(talent_user: Any, profile: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(talent_user)
    response = client.post(reverse("talent:showcase"), {"showcase_consent": "on"})
    assert response.status_code == 403
    profile.refresh_from_db()
    assert not profile.showcase_consent


def _profile_page_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("talent:profile"))
    assert response.status_code == 200
    return len(queries)


def test_profile_page_query_count_is_constant(talent_client: Client, profile: Any) -> None:
    EducationFactory(profile=profile)
    WorkExperienceFactory(profile=profile)
    LanguageSkillFactory(profile=profile)
    few = _profile_page_queries(talent_client)
    for code in ("US", "DE", "JP", "FR"):
        place = country(code, code, code)
        EducationFactory(profile=profile, country=place)
        WorkExperienceFactory(profile=profile, country=place)
    LanguageSkillFactory(profile=profile, language=language("de", "德语", "German"))
    assert _profile_page_queries(talent_client) == few


def test_menu_link_on_workspace(talent_client: Client) -> None:
    html = talent_client.get(reverse("workspace:home")).content.decode()
    assert reverse("talent:profile") in html


def test_personal_data_export(talent_user: Any) -> None:
    profile = TalentProfileFactory(user=talent_user)
    EducationFactory(profile=profile)
    WorkExperienceFactory(profile=profile)
    LanguageSkillFactory(profile=profile)
    section = collect(talent_user)["data"]["talent"]
    assert section["profile"]["headline_en"] == "AI algorithm engineer"
    assert section["educations"][0]["start"] == "2019-09"
    assert section["work_experiences"][0]["organisation"] == "DeepMind"
    assert section["languages"] == [{"language": "en", "level": "fluent"}]
    json.dumps(section, default=str)
    other = EducationFactory()
    assert other.institution_en not in json.dumps(
        collect(talent_user)["data"]["talent"]["educations"][1:], default=str
    )


def test_htmx_error_puts_focus_on_the_wrong_field(talent_client: Client) -> None:
    data = _education_post(**{"education-end_date": "2017-06"})
    html = talent_client.post(reverse("talent:education_add"), data, **HTMX).content.decode()
    inputs = re.findall(r"<input[^>]*>", html)
    focused = [tag for tag in inputs if "autofocus" in tag]
    assert len(focused) == 1 and 'name="education-end_date"' in focused[0]
