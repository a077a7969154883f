"""The talent profile pages, mounted by the project at /talent/ inside i18n_patterns."""

from django.urls import path

from returnee_home.talent import views, views_matching

app_name = "talent"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("edit/", views.profile_edit, name="profile_edit"),
    path("showcase/", views.showcase, name="showcase"),
    path("education/", views.education_section, name="education_section"),
    path("education/add/", views.education_add, name="education_add"),
    path("education/<int:entry_id>/edit/", views.education_edit, name="education_edit"),
    path("education/<int:entry_id>/remove/", views.education_remove, name="education_remove"),
    path("work/", views.work_section, name="work_section"),
    path("work/add/", views.work_add, name="work_add"),
    path("work/<int:entry_id>/edit/", views.work_edit, name="work_edit"),
    path("work/<int:entry_id>/remove/", views.work_remove, name="work_remove"),
    path("languages/add/", views.language_add, name="language_add"),
    path("languages/<int:skill_id>/remove/", views.language_remove, name="language_remove"),
    path("skills/", views_matching.wishes, name="wishes"),
    path("visibility/", views_matching.visibility, name="visibility"),
    path("cv/", views_matching.cv_upload, name="cv"),
    path("cv/remove/", views_matching.cv_remove, name="cv_remove"),
    path("cv/<int:profile_id>/download/", views_matching.cv_download, name="cv_download"),
    path("contacts/", views_matching.contacts, name="contacts"),
    path("contacts/<int:grant_id>/answer/", views_matching.contact_answer, name="contact_answer"),
    path("verify/", views_matching.verify_queue, name="verify_queue"),
    path("verify/<int:profile_id>/", views_matching.verify_profile, name="verify_profile"),
    path("search/", views_matching.search, name="search"),
    path("search/<int:profile_id>/", views_matching.employer_profile, name="employer_profile"),
    path(
        "search/<int:profile_id>/contact/",
        views_matching.contact_request,
        name="contact_request",
    ),
]
