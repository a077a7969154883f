"""Every legal step of the naming workflow, and the illegal ones refused with nothing changed."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.core.models import AuditRecord
from returnee_home.naming import actions, workflow
from returnee_home.naming.models import (
    Application,
    ApplicationEvent,
    NamingBatch,
    Objection,
    SiteVisit,
)
from returnee_home.naming.tests.conftest import advance
from returnee_home.naming.tests.factories import BatchFactory, png
from returnee_home.notifications.models import Notification
from returnee_home.orgs.models import Home, Role
from returnee_home.orgs.tests.factories import MembershipFactory

S = Application.State
pytestmark = pytest.mark.django_db


def unchanged(app: Application, state: str) -> None:
    app.refresh_from_db()
    assert app.state == state


def test_the_table_names_one_role_per_step_and_reasons_where_refusing() -> None:
    for transition in workflow.TRANSITIONS.values():
        assert transition.actor in (workflow.CARRIER, workflow.CITY, workflow.PROVINCE)
        assert transition.target not in transition.sources
    for name in ("city_return", "material_return", "reject", "city_not_recommend", "remove"):
        assert workflow.TRANSITIONS[name].needs_reason


def test_whole_journey_to_named_records_every_step(naming: dict[str, Any]) -> None:
    app = advance(naming, S.IN_NOTICE)
    p = naming["people"]
    objection = actions.objection_file(
        application=app, name="张先生", contact="13800000000", text="服务人次存疑"
    )
    with pytest.raises(ApplicationError) as exc:
        actions.batch_name(actor=p["province"], batch=naming["batch"])
    assert exc.value.code == "notice_running"
    batch = naming["batch"]
    batch.refresh_from_db()
    later = batch.notice_ends_on + dt.timedelta(days=1)
    with pytest.raises(ApplicationError) as exc:
        actions.batch_name(actor=p["province"], batch=batch, named_on=later)
    assert exc.value.code == "objections_open"
    actions.objection_answer(
        actor=p["province"], objection=objection, upheld=False, answer="经核查，服务记录属实。"
    )
    actions.batch_name(actor=p["province"], batch=batch, named_on=later)
    app.refresh_from_db()
    assert app.state == S.NAMED
    home = Home.objects.get(pk=naming["applicant"].pk)
    assert home.status == Home.Status.NAMED
    assert home.plaque_number == app.plaque_number
    assert home.plaque_number.startswith("苏留家〔2026〕第")
    assert home.batch_label == batch.label and home.named_on == later
    events = list(
        ApplicationEvent.objects.filter(application=app).values_list("transition", flat=True)
    )
    assert events == [
        "submit",
        "city_accept",
        "city_recommend",
        "report",
        "material_pass",
        "experts_assign",
        "evaluation_close",
        "inspect",
        "notice_publish",
        "name",
    ]
    assert AuditRecord.objects.filter(action="naming.name", object_id=str(app.pk)).exists()
    assert AuditRecord.objects.filter(action="home.named", object_id=str(home.pk)).exists()
    assert Notification.objects.filter(recipient=naming["manager"], kind="naming.named").exists()
    assert Notification.objects.filter(recipient=p["city"], kind="naming.submitted").exists()
    assert Notification.objects.filter(
        recipient=p["expert"], kind="naming.expert_assigned"
    ).exists()


@pytest.mark.parametrize(
    ("who", "name", "state"),
    [
        ("city", "submit", S.DRAFT),
        ("manager", "city_accept", S.SUBMITTED),
        ("province", "city_accept", S.SUBMITTED),
        ("suzhou_admin", "city_accept", S.SUBMITTED),
        ("city", "material_pass", S.REPORTED),
        ("expert", "material_pass", S.REPORTED),
        ("manager", "reject", S.REPORTED),
    ],
)
def test_wrong_role_refused_and_nothing_changes(
    naming: dict[str, Any], who: str, name: str, state: str
) -> None:
    app = advance(naming, state)
    actor = naming["people"].get(who) or naming[who]
    events = ApplicationEvent.objects.count()
    with pytest.raises(PermissionDeniedError):
        if name == "submit":
            actions.application_submit(actor=actor, application=app)
        else:
            actions.application_step(actor=actor, application=app, name=name, reason="x")
    unchanged(app, state)
    assert ApplicationEvent.objects.count() == events


@pytest.mark.parametrize(
    ("who", "name", "state"),
    [
        ("province", "material_pass", S.SUBMITTED),  # skipping the city's review
        ("city", "city_accept", S.CITY_ACCEPTED),  # twice
        ("province", "material_return", S.MATERIAL_PASSED),
        ("city", "city_return", S.REPORTED),  # the summary is frozen
    ],
)
def test_wrong_state_or_skipped_step_refused(
    naming: dict[str, Any], who: str, name: str, state: str
) -> None:
    app = advance(naming, state)
    with pytest.raises(ApplicationError) as exc:
        actions.application_step(
            actor=naming["people"][who], application=app, name=name, reason="原因"
        )
    assert exc.value.code == "wrong_state"
    assert str(Application.State(state).label) in str(exc.value.message)
    unchanged(app, state)


def test_experts_cannot_be_assigned_before_the_material_review(naming: dict[str, Any]) -> None:
    app = advance(naming, S.REPORTED)
    p = naming["people"]
    with pytest.raises(ApplicationError):
        actions.experts_assign(
            actor=p["province"], application=app, experts=[p["expert"], naming["expert2"]]
        )
    unchanged(app, S.REPORTED)
    assert not app.assignments.exists()


def test_return_requires_a_reason_and_unlocks_the_form(naming: dict[str, Any]) -> None:
    app = advance(naming, S.SUBMITTED)
    city = naming["people"]["city"]
    with pytest.raises(ApplicationError) as exc:
        actions.application_step(actor=city, application=app, name="city_return", reason=" ")
    assert exc.value.code == "reason_required"
    unchanged(app, S.SUBMITTED)
    actions.application_step(actor=city, application=app, name="city_return", reason="缺少照片")
    unchanged(app, S.RETURNED)
    assert (
        ApplicationEvent.objects.get(application=app, transition="city_return").reason == "缺少照片"
    )
    assert Notification.objects.filter(
        recipient=naming["manager"], kind="naming.city_return"
    ).exists()
    actions.application_update(
        actor=naming["manager"], application=app, values={"opening_hours": "9-17"}
    )
    actions.application_submit(actor=naming["manager"], application=app)
    unchanged(app, S.SUBMITTED)


def test_locked_application_cannot_be_edited(naming: dict[str, Any]) -> None:
    app = advance(naming, S.SUBMITTED)
    with pytest.raises(ApplicationError) as exc:
        actions.application_update(
            actor=naming["manager"], application=app, values={"display_area": 1}
        )
    assert exc.value.code == "locked"
    with pytest.raises(ApplicationError):
        actions.evidence_add(actor=naming["manager"], application=app, title="x", upload=png())
    app.refresh_from_db()
    assert app.display_area == 80


def test_submit_with_unmet_condition_needs_an_explanation(naming: dict[str, Any]) -> None:
    app = advance(naming, S.DRAFT)
    with pytest.raises(ApplicationError) as exc:
        actions.application_submit(actor=naming["manager"], application=app)
    assert exc.value.code == "explanation_required"
    unchanged(app, S.DRAFT)
    actions.application_update(
        actor=naming["manager"], application=app, values={"unmet_explanation": "设备正在采购"}
    )
    actions.application_submit(actor=naming["manager"], application=app)
    app.refresh_from_db()
    assert app.state == S.SUBMITTED and app.unmet_conditions


def test_recommend_requires_a_site_visit(naming: dict[str, Any]) -> None:
    app = advance(naming, S.CITY_ACCEPTED)
    with pytest.raises(ApplicationError) as exc:
        actions.application_recommend(actor=naming["people"]["city"], application=app)
    assert exc.value.code == "site_visit_required"
    unchanged(app, S.CITY_ACCEPTED)


def test_site_visit_with_photos_and_future_date_refused(naming: dict[str, Any]) -> None:
    app = advance(naming, S.CITY_ACCEPTED)
    city = naming["people"]["city"]
    with pytest.raises(ApplicationError):
        actions.site_visit_record(
            actor=city,
            application=app,
            stage=SiteVisit.Stage.CITY,
            visited_on=timezone.localdate() + dt.timedelta(days=2),
            visitors="王",
        )
    visit = actions.site_visit_record(
        actor=city,
        application=app,
        stage=SiteVisit.Stage.CITY,
        visited_on=timezone.localdate(),
        visitors="王",
        findings="好",
        photos=[png()],
    )
    assert visit.photos.count() == 1


def test_summary_reports_all_recommended_and_is_frozen(naming: dict[str, Any]) -> None:
    app = advance(naming, S.REPORTED)
    summary = app.summaries.get()
    assert list(summary.applications.all()) == [app]
    with pytest.raises(ApplicationError) as exc:
        actions.summary_submit(
            actor=naming["people"]["city"], batch=naming["batch"], city=naming["nanjing"]
        )
    assert exc.value.code == "summary_empty"
    with pytest.raises(PermissionDeniedError):
        actions.summary_submit(
            actor=naming["suzhou_admin"], batch=naming["batch"], city=naming["nanjing"]
        )


def test_material_return_goes_back_to_the_city_which_can_recommend_again(
    naming: dict[str, Any],
) -> None:
    app = advance(naming, S.REPORTED)
    p = naming["people"]
    actions.application_step(
        actor=p["province"], application=app, name="material_return", reason="请补充"
    )
    unchanged(app, S.RETURNED_TO_CITY)
    actions.application_recommend(actor=p["city"], application=app)
    summary = actions.summary_submit(actor=p["city"], batch=naming["batch"], city=naming["nanjing"])
    assert summary.sequence == 2
    unchanged(app, S.REPORTED)


def test_expert_rules(naming: dict[str, Any]) -> None:
    app = advance(naming, S.MATERIAL_PASSED)
    p = naming["people"]
    with pytest.raises(ApplicationError) as exc:
        actions.experts_assign(actor=p["province"], application=app, experts=[p["expert"]])
    assert exc.value.code == "experts_too_few"
    own = MembershipFactory(organisation=naming["applicant"].carrier, role=Role.HOME_STAFF).user
    MembershipFactory(user=own, organisation=naming["province"], role=Role.EXPERT)
    with pytest.raises(ApplicationError) as exc:
        actions.experts_assign(actor=p["province"], application=app, experts=[p["expert"], own])
    assert exc.value.code == "expert_conflict"
    with pytest.raises(ApplicationError) as exc:
        actions.experts_assign(
            actor=p["province"], application=app, experts=[p["expert"], p["city"]]
        )
    assert exc.value.code == "not_expert"
    unchanged(app, S.MATERIAL_PASSED)
    actions.experts_assign(
        actor=p["province"], application=app, experts=[p["expert"], naming["expert2"]]
    )
    assignment = app.assignments.get(expert=p["expert"])
    scores = {k: 5 for k in ("scale", "premises", "staff", "equipment", "rules", "matching")}
    with pytest.raises(ApplicationError) as exc:
        actions.assignment_score(actor=p["expert"], assignment=assignment, scores=scores)
    assert exc.value.code == "declaration_required"
    # an expert scoring an application not assigned to them
    outsider_expert = MembershipFactory(organisation=naming["province"], role=Role.EXPERT).user
    with pytest.raises(NotFoundError):
        actions.assignment_declare(actor=outsider_expert, assignment=assignment)
    actions.assignment_declare(actor=p["expert"], assignment=assignment)
    with pytest.raises(ApplicationError) as exc:
        actions.assignment_score(
            actor=p["expert"], assignment=assignment, scores=scores | {"equipment": 11}
        )
    assert exc.value.fields.keys() == {"score_equipment"}
    with pytest.raises(ApplicationError) as exc:
        actions.evaluation_close(actor=p["province"], application=app)
    assert exc.value.code == "scores_missing"
    unchanged(app, S.EXPERT_REVIEW)


def test_evaluation_aggregates_and_flags_outliers(naming: dict[str, Any]) -> None:
    app = advance(naming, S.EVALUATED)
    assert app.mean_score == Decimal("80.50") and app.score_spread == 5
    assert app.rank == 1
    assert actions.outliers([80, 82, 79, 30], 100) == [False, False, False, True]
    assert actions.outliers([95, 25], 100) == [True, True]
    assert actions.outliers([80, 78], 100) == [False, False]


def test_inspection_needs_findings_for_every_condition(naming: dict[str, Any]) -> None:
    app = advance(naming, S.EVALUATED)
    with pytest.raises(ApplicationError) as exc:
        actions.site_visit_record(
            actor=naming["people"]["province"],
            application=app,
            stage=SiteVisit.Stage.PROVINCE,
            visited_on=timezone.localdate(),
            visitors="省中心",
            condition_findings={"scale": "符合"},
        )
    assert exc.value.code == "findings_required"
    unchanged(app, S.EVALUATED)


def test_upheld_objection_removes_the_application(naming: dict[str, Any]) -> None:
    app = advance(naming, S.IN_NOTICE)
    p = naming["people"]
    objection = actions.objection_file(
        application=app, name="李", contact="li@example.cn", text="场地不实"
    )
    actions.objection_answer(
        actor=p["province"], objection=objection, upheld=True, answer="经核查属实"
    )
    unchanged(app, S.REMOVED)
    with pytest.raises(ApplicationError):
        actions.objection_answer(actor=p["province"], objection=objection, upheld=False, answer="x")
    batch = naming["batch"]
    batch.refresh_from_db()
    with pytest.raises(ApplicationError) as exc:
        actions.batch_name(
            actor=p["province"], batch=batch, named_on=batch.notice_ends_on + dt.timedelta(days=1)
        )
    assert exc.value.code == "nothing_to_name"
    assert Home.objects.get(pk=naming["applicant"].pk).status == Home.Status.PREPARING
    assert Objection.objects.get().status == Objection.Status.UPHELD


def test_objection_only_during_notice(naming: dict[str, Any]) -> None:
    app = advance(naming, S.INSPECTED)
    with pytest.raises(ApplicationError):
        actions.objection_file(application=app, name="李", contact="x", text="y")


def test_plaque_numbers_follow_those_issued_that_year(naming: dict[str, Any]) -> None:
    home = naming["home"]
    home.plaque_number = "苏留家〔2030〕第006号"
    home.save()
    assert actions.plaque_next(2030) == "苏留家〔2030〕第007号"
    assert actions.plaque_next(2030) == "苏留家〔2030〕第008号"
    assert actions.plaque_next(2031) == "苏留家〔2031〕第001号"


def test_batch_rules(naming: dict[str, Any]) -> None:
    p = naming["people"]
    with pytest.raises(PermissionDeniedError):
        actions.batch_open(
            actor=p["city"],
            year=2027,
            number=1,
            title_zh="x",
            application_deadline=timezone.localdate(),
        )
    batch = actions.batch_open(
        actor=p["province"],
        year=2027,
        number=1,
        title_zh="2027年第一批",
        application_deadline=timezone.localdate(),
    )
    with pytest.raises(ApplicationError):
        actions.batch_open(
            actor=p["province"],
            year=2027,
            number=1,
            title_zh="dup",
            application_deadline=timezone.localdate(),
        )
    with pytest.raises(ApplicationError):
        actions.batch_open(
            actor=p["province"],
            year=2027,
            number=2,
            title_zh="x",
            application_deadline=timezone.localdate(),
            carrier_kinds=["employer"],
        )
    actions.batch_close(actor=p["province"], batch=batch)
    assert NamingBatch.objects.get(pk=batch.pk).status == NamingBatch.Status.CLOSED
    with pytest.raises(ApplicationError) as exc:
        actions.application_start(
            actor=naming["manager"], batch=batch, carrier=naming["applicant"].carrier
        )
    assert exc.value.code == "batch_closed"


def test_application_start_rules(naming: dict[str, Any]) -> None:
    batch = naming["batch"]
    with pytest.raises(PermissionDeniedError):
        actions.application_start(
            actor=naming["people"]["staff"], batch=batch, carrier=naming["home"].carrier
        )
    with pytest.raises(ApplicationError) as exc:
        actions.application_start(
            actor=naming["people"]["manager"], batch=batch, carrier=naming["home"].carrier
        )
    assert exc.value.code == "already_named"
    parks_only = BatchFactory(carrier_kinds=["startup_park"])
    with pytest.raises(ApplicationError) as exc:
        actions.application_start(
            actor=naming["other_manager"],
            batch=parks_only,
            carrier=naming["other_applicant"].carrier,
        )
    assert exc.value.code == "carrier_kind"
    app = actions.application_start(
        actor=naming["manager"], batch=batch, carrier=naming["applicant"].carrier
    )
    assert app.staff.count() == 1  # the manager, from the memberships
    assert app.windows.count() == 1
    with pytest.raises(ApplicationError) as exc:
        actions.application_start(
            actor=naming["manager"], batch=batch, carrier=naming["applicant"].carrier
        )
    assert exc.value.code == "duplicate"


def test_concurrent_step_on_stale_copy_refused(naming: dict[str, Any]) -> None:
    app = advance(naming, S.SUBMITTED)
    stale = Application.objects.get(pk=app.pk)
    actions.application_step(actor=naming["people"]["city"], application=app, name="city_accept")
    with pytest.raises(ApplicationError) as exc:
        workflow.transition_apply(
            actor=naming["people"]["city"], application=stale, name="city_return", reason="x"
        )
    assert exc.value.code == "concurrent_change"
    unchanged(app, S.CITY_ACCEPTED)
