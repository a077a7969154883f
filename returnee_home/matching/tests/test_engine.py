"""The engine on real records: bilingual, two-sided, explainable, strict and broad."""

import datetime as dt
from typing import Any

from returnee_home.matching import actions, engine
from returnee_home.matching.tests.factories import (
    JobPostingFactory,
    city,
    degree,
    discipline,
    language,
)
from returnee_home.talent.models import LanguageLevel
from returnee_home.talent.tests.factories import (
    EducationFactory,
    LanguageSkillFactory,
    TalentProfileFactory,
)


def _index_postings(*postings: Any) -> None:
    actions.features_refresh(kind="posting", object_ids=[p.pk for p in postings])


def _ml_talent(**kwargs: Any) -> Any:
    profile = TalentProfileFactory(
        skills=["machine learning", "PyTorch", "Python"],
        headline_zh="",
        headline_en="Machine learning researcher",
        introduction_zh="",
        introduction_en="Deep learning for medical imaging.",
        **kwargs,
    )
    EducationFactory(
        profile=profile, degree_level=degree("doctorate"), discipline=discipline("0812")
    )
    LanguageSkillFactory(profile=profile, language=language("en"), level=LanguageLevel.FLUENT)
    return profile


def test_a_chinese_posting_matches_an_english_profile_first() -> None:
    profile = _ml_talent()
    relevant = JobPostingFactory(
        title_zh="深度学习算法工程师",
        title_en="",
        skills=["机器学习", "深度学习", "PyTorch"],
        disciplines=[discipline("0812")],
    )
    unrelated = JobPostingFactory(
        title_zh="会计",
        title_en="",
        skills=["会计核算", "税务筹划"],
        requirements_text="持有注册会计师证书。",
        disciplines=[discipline("1202")],
    )
    _index_postings(relevant, unrelated)
    result = engine.postings_for_talent(profile)
    ids = [m.object_id for m in result.matches]
    assert ids[0] == relevant.pk
    assert unrelated.pk not in ids[:1]
    top = result.matches[0]
    skills = top.part("skills")
    assert skills is not None
    assert "skill:machine_learning" in skills.detail["matched"]
    assert "skill:pytorch" in skills.detail["matched"]
    assert top.part("discipline").value == 1.0  # type: ignore[union-attr]
    assert 0 < top.percent <= 100


def test_an_english_posting_matches_a_chinese_profile() -> None:
    profile = TalentProfileFactory(
        skills=["模拟集成电路设计", "版图设计"],
        headline_zh="模拟芯片设计工程师",
        headline_en="",
        introduction_zh="",
        introduction_en="",
    )
    chip = JobPostingFactory(
        title_zh="", title_en="Analog IC design engineer", skills=["analog IC design", "layout"]
    )
    bank = JobPostingFactory(
        title_zh="", title_en="Credit risk analyst", skills=["credit risk", "SAS"]
    )
    _index_postings(chip, bank)
    ids = [m.object_id for m in engine.postings_for_talent(profile).matches]
    assert ids[0] == chip.pk


def test_strict_mode_excludes_a_required_degree_broad_mode_keeps_it_lower() -> None:
    profile = _ml_talent()
    profile.educations.update(degree_level=degree("bachelor"))
    needs_phd = JobPostingFactory(degree_level=degree("doctorate"), degree_required=True)
    _index_postings(needs_phd)
    assert engine.postings_for_talent(profile, mode="strict").matches == []
    broad = engine.postings_for_talent(profile, mode="broad").matches
    assert [m.object_id for m in broad] == [needs_phd.pk]
    assert broad[0].part("degree").value == 0.0  # type: ignore[union-attr]


def test_wishes_count_a_posting_in_a_wanted_city_ranks_higher() -> None:
    profile = _ml_talent(desired_salary_min=20_000)
    profile.desired_cities.set([city("320500")])
    here = JobPostingFactory(city=city("320500"), salary_max=30_000)
    there = JobPostingFactory(city=city("320100"), salary_max=30_000)
    cheap = JobPostingFactory(city=city("320500"), salary_max=8_000)
    _index_postings(here, there, cheap)
    result = engine.postings_for_talent(profile)
    ids = [m.object_id for m in result.matches]
    assert ids[0] == here.pk
    assert result.matches[0].part("pay").value == 1.0  # type: ignore[union-attr]
    strict = [m.object_id for m in engine.postings_for_talent(profile, mode="strict").matches]
    assert strict == [here.pk]


def test_a_sparse_profile_gets_an_answer_and_is_told_what_is_missing() -> None:
    profile = TalentProfileFactory(
        skills=[], headline_zh="", headline_en="", introduction_zh="", introduction_en=""
    )
    _index_postings(JobPostingFactory())
    result = engine.postings_for_talent(profile)
    assert result.matches == []
    assert {"skills", "education", "cities", "salary"} <= set(result.missing)


def test_free_text_skills_are_kept_and_matched_as_text() -> None:
    profile = TalentProfileFactory(skills=["Abaqus scripting", "颗粒流仿真"])
    posting = JobPostingFactory(
        title_zh="", title_en="Simulation engineer", skills=["Abaqus scripting"]
    )
    other = JobPostingFactory(title_zh="", title_en="Sales manager", skills=["key account sales"])
    _index_postings(posting, other)
    result = engine.postings_for_talent(profile)
    assert result.matches[0].object_id == posting.pk
    assert result.matches[0].part("skills").detail["matched"] == ["free:abaqus scripting"]  # type: ignore[union-attr]


def test_talents_for_a_posting_both_directions_agree() -> None:
    posting = JobPostingFactory(disciplines=[discipline("0812")])
    good = _ml_talent()
    poor = TalentProfileFactory(skills=["会计", "审计"], headline_zh="审计师", headline_en="")
    actions.features_refresh(kind="talent", object_ids=[good.pk, poor.pk])
    _index_postings(posting)
    forward = engine.talents_for_posting(posting)
    assert forward.matches[0].object_id == good.pk
    backward = engine.postings_for_talent(good).matches[0]
    assert backward.object_id == posting.pk
    assert abs(backward.score - forward.matches[0].score) < 1e-4


def test_a_verified_talent_ranks_above_an_equal_unverified_one_and_is_told_why() -> None:
    posting = JobPostingFactory(disciplines=[discipline("0812")])
    unverified = _ml_talent()
    verified = _ml_talent()
    verified.educations.update(verified=True)
    actions.features_refresh(kind="talent", object_ids=[unverified.pk, verified.pk])
    _index_postings(posting)
    matches = engine.talents_for_posting(posting).matches
    assert [m.object_id for m in matches[:2]] == [verified.pk, unverified.pk]
    assert matches[0].part("verified").value == 1.0  # type: ignore[union-attr]
    assert matches[1].part("verified").value == 0.0  # type: ignore[union-attr]
    assert matches[0].score > matches[1].score


def test_a_changed_posting_is_seen_without_a_rebuild() -> None:
    profile = _ml_talent()
    first = JobPostingFactory()
    _index_postings(first)
    engine.postings_for_talent(profile)  # builds the index
    index = engine.index_for("posting")
    main = index.main
    second = JobPostingFactory(title_zh="计算机视觉工程师", skills=["计算机视觉", "PyTorch"])
    first.status = "withdrawn"
    first.save()
    actions.features_catch_up()
    ids = [m.object_id for m in engine.postings_for_talent(profile).matches]
    assert ids == [second.pk]
    assert engine.index_for("posting").main is main  # the main segment was not rebuilt


def test_dismissed_postings_are_never_shown_again() -> None:
    profile = _ml_talent()
    posting = JobPostingFactory()
    _index_postings(posting)
    actions.match_dismiss(
        user=profile.user, profile=profile, posting_id=posting.pk, reason="location"
    )
    assert engine.postings_for_talent(profile).matches == []


def test_partners_are_similar_talents() -> None:
    me = _ml_talent()
    alike = _ml_talent()
    other = TalentProfileFactory(skills=["会计"], headline_zh="会计师", headline_en="")
    actions.features_refresh(kind="talent", object_ids=[me.pk, alike.pk, other.pk])
    partners = engine.partners_for(me)
    assert partners[0][0] == alike.pk
    assert "skill:machine_learning" in partners[0][2]
    assert me.pk not in [p[0] for p in partners]


def test_stored_matches_are_recomputed_for_everyone() -> None:
    from returnee_home.matching.models import StoredMatch

    profile = _ml_talent()
    posting = JobPostingFactory()
    actions.features_refresh(kind="talent", object_ids=[profile.pk])
    _index_postings(posting)
    written = actions.stored_matches_recompute(direction="talent_posting")
    assert written == 1
    stored = StoredMatch.objects.get()
    assert (stored.subject_id, stored.object_id, stored.rank) == (profile.pk, posting.pk, 1)
    assert dt.datetime.now(dt.UTC) >= stored.computed_at
