"""Matching pages, mounted by the project at /matching/ inside i18n_patterns."""

from django.urls import path

from returnee_home.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("dismiss/<int:posting_id>/", views.dismiss, name="dismiss"),
    path("feedback/<int:feedback_id>/undo/", views.undo, name="undo"),
    path("employer/", views.employer, name="employer"),
    path("postings/<int:posting_id>/talents/", views.posting_talents, name="posting_talents"),
    path(
        "postings/<int:posting_id>/talents/<int:profile_id>/reject/",
        views.reject,
        name="reject",
    ),
    path("projects/", views.my_projects, name="my_projects"),
    path("projects/<int:project_id>/demands/", views.project_demands, name="project_demands"),
    path(
        "projects/<int:project_id>/demands/<int:demand_id>/dismiss/",
        views.project_dismiss,
        name="project_dismiss",
    ),
    path("demands/<int:demand_id>/projects/", views.demand_projects, name="demand_projects"),
    path(
        "demands/<int:demand_id>/projects/<int:project_id>/reject/",
        views.demand_reject,
        name="demand_reject",
    ),
    path("staff/", views.staff, name="staff"),
    path("taxonomy/", views.taxonomy, name="taxonomy"),
    path("taxonomy/<int:concept_id>/synonyms/", views.synonym_add, name="synonym_add"),
    path("synonyms/<int:synonym_id>/remove/", views.synonym_remove, name="synonym_remove"),
]
