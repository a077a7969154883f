"""Matching pages: a talent's matches (explained, strict/broad, dismiss), an employer's best
talents (anonymised, reject, scoped to its own postings), staff pages and the taxonomy."""

from typing import Any

import pytest
from django.urls import reverse

from returnee_home.matching import actions
from returnee_home.matching.models import MatchFeedback, Synonym
from returnee_home.matching.tests.factories import JobPostingFactory, degree, discipline
from returnee_home.orgs.tests.conftest import client_for
from returnee_home.talent.tests.factories import EducationFactory, TalentProfileFactory


@pytest.fixture
def talent(world: dict[str, Any]) -> Any:
    profile = TalentProfileFactory(
        user=world["people"]["talent"],
        skills=["machine learning", "PyTorch"],
        headline_zh="机器学习研究员",
        headline_en="Machine learning researcher",
    )
    EducationFactory(
        profile=profile, degree_level=degree("doctorate"), discipline=discipline("0812")
    )
    actions.features_refresh(kind="talent", object_ids=[profile.pk])
    return profile


@pytest.fixture
def posting(world: dict[str, Any]) -> Any:
    posting = JobPostingFactory(
        employer=world["employer"],
        title_zh="深度学习算法工程师",
        title_en="Deep learning engineer",
        disciplines=[discipline("0812")],
    )
    actions.features_refresh(kind="posting", object_ids=[posting.pk])
    return posting


def test_a_talent_sees_explained_matches_in_chinese(talent: Any, posting: Any) -> None:
    response = client_for(talent.user).get(reverse("matching:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "深度学习算法工程师" in page
    assert "技能" in page and "学科" in page
    assert "机器学习" in page  # a matched skill, by its Chinese name


def test_a_talent_sees_explained_matches_in_english(talent: Any, posting: Any) -> None:
    response = client_for(talent.user).get("/en/matching/")
    page = response.content.decode()
    assert "Deep learning engineer" in page
    assert "Skills" in page and "machine learning" in page
    assert "required skills present" in page


def test_strict_mode_hides_what_broad_mode_shows(talent: Any, world: dict[str, Any]) -> None:
    talent.educations.update(degree_level=degree("bachelor"))
    needs_phd = JobPostingFactory(
        employer=world["employer"], degree_level=degree("doctorate"), degree_required=True
    )
    actions.features_refresh(kind="posting", object_ids=[needs_phd.pk])
    client = client_for(talent.user)
    assert f'id="match-{needs_phd.pk}"' in client.get("/en/matching/?mode=broad").content.decode()
    strict = client.get("/en/matching/?mode=strict").content.decode()
    assert f'id="match-{needs_phd.pk}"' not in strict
    assert "No posting meets every condition" in strict


def test_dismissing_a_match_keeps_it_and_never_shows_it_again(talent: Any, posting: Any) -> None:
    client = client_for(talent.user)
    response = client.post(
        reverse("matching:dismiss", args=[posting.pk]), {"reason": "location", "note": "太远"}
    )
    assert response.status_code == 302
    feedback = MatchFeedback.objects.get()
    assert (feedback.subject_id, feedback.object_id, feedback.reason) == (
        talent.pk,
        posting.pk,
        "location",
    )
    page = client.get(reverse("matching:mine")).content.decode()
    assert f'id="match-{posting.pk}"' not in page
    assert "已忽略" in page or "Dismissed" in page


def test_dismiss_without_a_reason_is_refused_and_nothing_saved(talent: Any, posting: Any) -> None:
    response = client_for(talent.user).post(
        reverse("matching:dismiss", args=[posting.pk]),
        {"reason": "nonsense"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert not MatchFeedback.objects.exists()


def test_the_htmx_dismiss_answers_with_a_notice(talent: Any, posting: Any) -> None:
    response = client_for(talent.user).post(
        f"/en/matching/dismiss/{posting.pk}/",
        {"reason": "salary"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "will not be suggested again" in response.content.decode()


def test_an_employer_sees_anonymised_talents_for_its_posting(
    world: dict[str, Any],
    talent: Any,
    posting: Any,
) -> None:
    talent.user.full_name = "王秘密"
    talent.user.save()
    response = client_for(world["people"]["employer"]).get(
        reverse("matching:posting_talents", args=[posting.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="talent-{talent.pk}"' in page
    assert "王秘密" not in page and talent.user.email not in page


def test_another_employer_cannot_see_the_posting_talents(
    world: dict[str, Any],
    posting: Any,
) -> None:
    from returnee_home.orgs.models import Role
    from returnee_home.orgs.tests.factories import MembershipFactory

    outsider = MembershipFactory(organisation=world["other_employer"], role=Role.EMPLOYER_CONTACT)
    client = client_for(outsider.user)
    assert client.get(reverse("matching:posting_talents", args=[posting.pk])).status_code == 404
    assert (
        client.post(
            reverse("matching:reject", args=[posting.pk, 1]), {"reason": "level"}
        ).status_code
        == 404
    )
    talent_client = client_for(world["people"]["talent"])
    assert talent_client.get(reverse("matching:employer")).status_code == 403


def test_an_employer_rejects_a_profile_which_is_not_proposed_again(
    world: dict[str, Any],
    talent: Any,
    posting: Any,
) -> None:
    client = client_for(world["people"]["employer"])
    url = reverse("matching:reject", args=[posting.pk, talent.pk])
    assert client.post(url, {"reason": "unqualified"}).status_code == 302
    page = client.get(reverse("matching:posting_talents", args=[posting.pk])).content.decode()
    assert f'id="talent-{talent.pk}"' not in page


def test_staff_see_the_engine_page_others_do_not(world: dict[str, Any]) -> None:
    assert client_for(world["people"]["staff"]).get(reverse("matching:staff")).status_code == 200
    assert client_for(world["people"]["talent"]).get(reverse("matching:staff")).status_code == 403
    assert (
        client_for(world["people"]["employer"]).get(reverse("matching:taxonomy")).status_code == 403
    )


def test_a_province_admin_adds_a_synonym_used_by_the_engine(world: dict[str, Any]) -> None:
    from returnee_home.matching.models import Concept
    from returnee_home.matching.taxonomy import forget_taxonomy, get_taxonomy

    concept = Concept.objects.get(kind="skill", code="machine_learning")
    client = client_for(world["people"]["province"])
    response = client.post(reverse("matching:synonym_add", args=[concept.pk]), {"text": "机学"})
    assert response.status_code == 302
    assert Synonym.objects.filter(concept=concept, text="机学", source="staff").exists()
    forget_taxonomy()
    assert get_taxonomy().concept_of("机学") == "skill:machine_learning"
    staff = client_for(world["people"]["staff"])
    assert (
        staff.post(reverse("matching:synonym_add", args=[concept.pk]), {"text": "x"}).status_code
        == 403
    )


def test_the_employer_sees_only_the_sections_the_talent_allows(
    world: dict[str, Any], talent: Any, posting: Any
) -> None:
    talent.visibility_summary = "on_accept"
    talent.visibility_skills = "on_accept"
    talent.save()
    page = (
        client_for(world["people"]["employer"])
        .get(reverse("matching:posting_talents", args=[posting.pk]))
        .content.decode()
    )
    assert f'id="talent-{talent.pk}"' in page
    assert "机器学习研究员" not in page  # the headline waits for acceptance
    assert "✓ 机器学习" not in page  # so do the skill names
