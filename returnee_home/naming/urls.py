"""Naming of Homes: public pages (batches, public notice, objections, decision) and the
workspace of carriers, cities, the province and experts."""

from django.urls import path

from returnee_home.naming.views import public, workspace

app_name = "naming"

urlpatterns = [
    path("", public.index, name="public_index"),
    path("batches/<int:pk>/", public.batch, name="public_batch"),
    path("batches/<int:pk>/notice/", public.notice, name="public_notice"),
    path("batches/<int:pk>/decision/", public.decision, name="public_decision"),
    path("notice/<int:pk>/objection/", public.objection, name="objection_file"),
    path("workspace/", workspace.workbench, name="workbench"),
    path("workspace/batches/", workspace.batch_list, name="batch_list"),
    path("workspace/batches/<int:pk>/", workspace.batch_detail, name="batch_detail"),
    path("workspace/batches/<int:pk>/close/", workspace.batch_close, name="batch_close"),
    path("workspace/batches/<int:pk>/publish/", workspace.notice_publish, name="notice_publish"),
    path("workspace/batches/<int:pk>/name/", workspace.batch_name, name="batch_name"),
    path(
        "workspace/batches/<int:pk>/start/", workspace.application_start, name="application_start"
    ),
    path("workspace/batches/<int:pk>/summary/", workspace.summary_submit, name="summary_submit"),
    path("workspace/summaries/<int:pk>/", workspace.summary_detail, name="summary_detail"),
    path(
        "workspace/summaries/<int:pk>/export.<str:fmt>",
        workspace.summary_export,
        name="summary_export",
    ),
    path(
        "workspace/applications/<int:pk>/", workspace.application_detail, name="application_detail"
    ),
    path(
        "workspace/applications/<int:pk>/edit/", workspace.application_edit, name="application_edit"
    ),
    path(
        "workspace/applications/<int:pk>/conditions/",
        workspace.application_conditions,
        name="application_conditions",
    ),
    path("workspace/applications/<int:pk>/evidence/", workspace.evidence_add, name="evidence_add"),
    path(
        "workspace/applications/<int:pk>/evidence/<int:evidence_id>/",
        workspace.evidence_file,
        name="evidence_file",
    ),
    path(
        "workspace/applications/<int:pk>/submit/",
        workspace.application_submit,
        name="application_submit",
    ),
    path(
        "workspace/applications/<int:pk>/step/<slug:step>/",
        workspace.application_step,
        name="application_step",
    ),
    path(
        "workspace/applications/<int:pk>/visit/<slug:stage>/",
        workspace.site_visit,
        name="site_visit",
    ),
    path(
        "workspace/applications/<int:pk>/experts/", workspace.experts_assign, name="experts_assign"
    ),
    path(
        "workspace/applications/<int:pk>/close-evaluation/",
        workspace.evaluation_close,
        name="evaluation_close",
    ),
    path(
        "workspace/applications/<int:pk>/objections/<int:objection_id>/answer/",
        workspace.objection_answer,
        name="objection_answer",
    ),
    path(
        "workspace/applications/<int:pk>/form.<str:fmt>",
        workspace.application_export,
        name="application_export",
    ),
    path("workspace/assessments/", workspace.assessments, name="assessments"),
    path(
        "workspace/assessments/<int:home_id>/",
        workspace.assessment_record,
        name="assessment_record",
    ),
    path("workspace/expert/", workspace.expert_queue, name="expert_queue"),
    path("workspace/expert/<int:pk>/", workspace.expert_score, name="expert_score"),
]
