"""Actions and the funnel state machines against the real database."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from returnee_home.accounts.tests.factories import PNG_BYTES
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import AuditRecord, City
from returnee_home.jobs import actions, collection, funnel
from returnee_home.jobs.models import (
    ApplicationStage,
    JobPosting,
    PostingStatus,
    Recommendation,
    TalentProject,
)
from returnee_home.jobs.tests.factories import JobPostingFactory, TalentProjectFactory
from returnee_home.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _data(**extra: Any) -> dict[str, Any]:
    return {
        "title_zh": "数据工程师",
        "title_en": "",
        "city": City.objects.get(code="320100"),
        "valid_through": timezone.localdate() + datetime.timedelta(days=30),
        "skills": "Python，Spark、 数据仓库",
        "salary_min": 15000,
        "salary_max": 25000,
        **extra,
    }


def test_employer_creates_and_publishes_a_posting(world: dict[str, Any]) -> None:
    posting = actions.posting_save(
        actor=world["people"]["employer"], employer=world["employer"], data=_data(publish=True)
    )
    assert posting.status == PostingStatus.PUBLISHED
    assert posting.skills == ["Python", "Spark", "数据仓库"]
    posting.refresh_from_db()
    assert "数据" in posting.search_text and "python" in posting.search_text
    assert AuditRecord.objects.filter(action="jobs.posting_create").exists()


def test_the_matching_engine_learns_of_a_published_posting_and_its_withdrawal(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from returnee_home.matching.models import FeatureRow

    with django_capture_on_commit_callbacks(execute=True):
        posting = actions.posting_save(
            actor=world["people"]["employer"], employer=world["employer"], data=_data(publish=True)
        )
    row = FeatureRow.objects.get(kind="posting", object_id=posting.pk)
    assert row.active
    with django_capture_on_commit_callbacks(execute=True):
        actions.posting_set_status(
            actor=world["people"]["employer"], posting=posting, status=PostingStatus.WITHDRAWN
        )
    row.refresh_from_db()
    assert not row.active


def test_salary_min_above_max_is_refused_and_nothing_saved(world: dict[str, Any]) -> None:
    before = JobPosting.objects.count()
    with pytest.raises(ApplicationError) as info:
        actions.posting_save(
            actor=world["people"]["employer"],
            employer=world["employer"],
            data=_data(salary_min=30000, salary_max=20000),
        )
    assert "salary_min" in info.value.fields
    assert JobPosting.objects.count() == before


def test_another_employer_cannot_post_for_us(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDeniedError):
        actions.posting_save(
            actor=world["people"]["other_employer"], employer=world["employer"], data=_data()
        )


def test_unverified_employer_cannot_publish(world: dict[str, Any]) -> None:
    world["employer"].verification_status = "pending"
    world["employer"].save()
    with pytest.raises(ApplicationError) as info:
        actions.posting_save(
            actor=world["people"]["employer"], employer=world["employer"], data=_data(publish=True)
        )
    assert info.value.code == "employer_unverified"


def test_posting_status_machine(world: dict[str, Any]) -> None:
    posting, actor = world["posting"], world["people"]["employer"]
    actions.posting_set_status(actor=actor, posting=posting, status=PostingStatus.FILLED)
    with pytest.raises(ApplicationError) as info:
        actions.posting_set_status(actor=actor, posting=posting, status=PostingStatus.PUBLISHED)
    assert info.value.status == 409


def test_expiry_marks_old_postings(world: dict[str, Any]) -> None:
    old = JobPostingFactory(valid_through=timezone.localdate() - datetime.timedelta(days=1))
    assert actions.postings_expire() == 1
    old.refresh_from_db()
    assert old.status == PostingStatus.EXPIRED


def test_invitation_hides_contact_until_accepted_then_funnel_to_hired(
    world: dict[str, Any],
) -> None:
    employer, talent = world["people"]["employer"], world["people"]["talent"]
    application = funnel.application_invite(
        actor=employer, posting=world["posting"], profile=world["talent"], message="欢迎申请"
    )
    assert application.stage == ApplicationStage.INVITED
    assert not application.contact_shared
    assert Notification.objects.filter(recipient=talent, kind="jobs.application").exists()
    # The employer cannot accept on the talent's behalf.
    with pytest.raises(PermissionDeniedError):
        funnel.application_move(actor=employer, application=application, to_stage="applied")
    application = funnel.application_move(actor=talent, application=application, to_stage="applied")
    assert application.contact_shared
    for stage in ("interview", "offer", "hired"):
        application = funnel.application_move(
            actor=employer, application=application, to_stage=stage
        )
    assert application.stage == ApplicationStage.HIRED and application.hired_at
    assert [s.to_stage for s in application.steps.all()] == [
        "invited",
        "applied",
        "interview",
        "offer",
        "hired",
    ]
    # The talent is told of every step the employer made.
    assert Notification.objects.filter(recipient=talent).count() == 4


def test_talent_cannot_give_themselves_an_offer(world: dict[str, Any]) -> None:
    application = funnel.application_apply(
        actor=world["people"]["talent"], posting=world["posting"], cover_note="您好"
    )
    with pytest.raises(ApplicationError):
        funnel.application_move(
            actor=world["people"]["talent"], application=application, to_stage="offer"
        )
    with pytest.raises(NotFoundError):
        funnel.application_move(
            actor=world["people"]["other_employer"], application=application, to_stage="interview"
        )


def test_closing_needs_a_reason_and_apply_twice_is_refused(world: dict[str, Any]) -> None:
    talent = world["people"]["talent"]
    application = funnel.application_apply(actor=talent, posting=world["posting"], cover_note="hi")
    with pytest.raises(ApplicationError) as info:
        funnel.application_move(
            actor=world["people"]["employer"], application=application, to_stage="closed"
        )
    assert "close_reason" in info.value.fields
    with pytest.raises(ApplicationError) as info:
        funnel.application_apply(actor=talent, posting=world["posting"], cover_note="again")
    assert info.value.code == "already_connected"


def test_empty_cover_note_is_refused(world: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as info:
        funnel.application_apply(
            actor=world["people"]["talent"], posting=world["posting"], cover_note="  "
        )
    assert "cover_note" in info.value.fields


def test_staff_introduction_records_the_home(world: dict[str, Any]) -> None:
    application = funnel.application_introduce(
        actor=world["people"]["staff"], posting=world["posting"], profile=world["talent"]
    )
    assert application.home == world["home"] and application.contact_shared
    with pytest.raises(PermissionDeniedError):
        funnel.application_introduce(
            actor=world["people"]["employer"],
            posting=world["posting"],
            profile=world["other_talent"],
        )


def test_project_interest_to_landing(world: dict[str, Any]) -> None:
    project = TalentProjectFactory(owner=world["talent"])
    park_user = world["people"]["park"]
    interest = funnel.interest_register(
        actor=park_user,
        project=project,
        organisation=world["park"].carrier,
        interested_as="park",
        message="欢迎入驻",
    )
    owner = world["people"]["talent"]
    interest = funnel.interest_move(actor=owner, interest=interest, to_stage="meeting")
    interest = funnel.interest_move(actor=park_user, interest=interest, to_stage="agreement")
    with pytest.raises(ApplicationError) as info:
        funnel.interest_move(actor=park_user, interest=interest, to_stage="landed")
    assert "landed_city" in info.value.fields
    nanjing = City.objects.get(code="320100")
    interest = funnel.interest_move(
        actor=park_user,
        interest=interest,
        to_stage="landed",
        landed_city=nanjing,
        landed_park="江北新区",
    )
    assert interest.stage == "landed" and interest.landed_city == nanjing
    with pytest.raises(NotFoundError):
        funnel.interest_move(
            actor=world["people"]["other_talent"], interest=interest, to_stage="closed"
        )


def test_talent_cannot_register_interest_for_an_organisation(world: dict[str, Any]) -> None:
    project = TalentProjectFactory(owner=world["other_talent"])
    with pytest.raises(PermissionDeniedError):
        funnel.interest_register(
            actor=world["people"]["talent"],
            project=project,
            organisation=world["employer"],
            interested_as="investor",
        )


def test_recommended_project_is_hidden_until_the_talent_confirms(world: dict[str, Any]) -> None:
    letter = SimpleUploadedFile("letter.png", PNG_BYTES, content_type="image/png")
    recommendation, token = collection.recommendation_create(
        actor=world["people"]["recommender"],
        organisation=world["recommender_org"],
        kind="project",
        full_name="李华",
        email="li.hua@example.com",
        statement="李华博士的项目具有很高的产业化价值。",
        letter=letter,
        project_data={"title_zh": "低温锂电池", "summary": "可在零下40度工作"},
    )
    assert TalentProject.objects.filter(title_zh="低温锂电池").count() == 0
    assert len(mail.outbox) == 0  # sent on commit
    found = collection.recommendation_by_token(token)
    answered = collection.recommendation_answer(
        recommendation=found, confirm=True, password="a-long-Password-2026"
    )
    project = answered.project
    assert project.is_visible and not project.showcase_public
    assert project.owner.recommended_by == world["recommender_org"]
    assert answered.profile.user.check_password("a-long-Password-2026")
    with pytest.raises(ApplicationError):
        collection.recommendation_answer(recommendation=found, confirm=False)


def test_recommendation_letter_must_be_a_document(world: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as info:
        collection.recommendation_create(
            actor=world["people"]["recommender"],
            organisation=world["recommender_org"],
            kind="talent",
            full_name="李华",
            email="li.hua@example.com",
            statement="推荐",
            letter=SimpleUploadedFile("letter.pdf", b"not really a pdf"),
        )
    assert "letter" in info.value.fields
    assert not Recommendation.objects.exists()


def test_employer_cannot_recommend(world: dict[str, Any]) -> None:
    with pytest.raises(PermissionDeniedError):
        collection.recommendation_create(
            actor=world["people"]["employer"],
            organisation=world["recommender_org"],
            kind="talent",
            full_name="李华",
            email="li.hua@example.com",
            statement="推荐",
            letter=SimpleUploadedFile("letter.png", PNG_BYTES),
        )


def test_project_attachment_checks_content(world: dict[str, Any]) -> None:
    project = TalentProjectFactory(owner=world["talent"])
    owner = world["people"]["talent"]
    attachment = actions.attachment_add(
        actor=owner, project=project, upload=SimpleUploadedFile("a.png", PNG_BYTES), caption="样品"
    )
    assert attachment.is_image
    with pytest.raises(ApplicationError):
        actions.attachment_add(
            actor=owner, project=project, upload=SimpleUploadedFile("a.png", b"<script>")
        )
    with pytest.raises(PermissionDeniedError):
        actions.attachment_add(
            actor=world["people"]["other_talent"],
            project=project,
            upload=SimpleUploadedFile("b.png", PNG_BYTES),
        )
