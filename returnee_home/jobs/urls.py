"""Jobs: public search and pages, the employer's and the talent's workspace, staff pages,
collection (imports, recommendations, claims)."""

from django.urls import path

from returnee_home.jobs.views import collection, employer, public, roadshow, staff, talent

app_name = "jobs"

urlpatterns = [
    # Public
    path("", public.search, name="search"),
    path("feed.json", public.feed, name="feed"),
    path("<int:posting_id>/", public.posting, name="posting"),
    path("demands/", public.demands, name="demands"),
    path("demands/<int:demand_id>/", public.demand, name="demand"),
    path("projects/", public.projects, name="projects"),
    path("projects/<int:project_id>/", public.project, name="project"),
    path("files/<int:attachment_id>/", public.attachment, name="attachment"),
    path("roadshows/<int:event_id>/", roadshow.roadshow, name="roadshow"),
    path("roadshows/<int:event_id>/pitches/", roadshow.pitch_add, name="pitch_add"),
    path(
        "roadshows/<int:event_id>/pitches/<int:pitch_id>/remove/",
        roadshow.pitch_remove,
        name="pitch_remove",
    ),
    # Talent
    path("<int:posting_id>/apply/", talent.apply, name="apply"),
    path("mine/applications/", talent.my_applications, name="my_applications"),
    path("mine/applications/<int:application_id>/", talent.application, name="application"),
    path("mine/projects/", talent.my_projects, name="my_projects"),
    path("mine/projects/new/", talent.project_edit, name="project_new"),
    path("mine/projects/<int:project_id>/", talent.project_manage, name="project_manage"),
    path("mine/projects/<int:project_id>/edit/", talent.project_edit, name="project_edit"),
    path("mine/projects/<int:project_id>/status/", talent.project_status, name="project_status"),
    path(
        "mine/projects/<int:project_id>/files/<int:attachment_id>/remove/",
        talent.attachment_remove,
        name="attachment_remove",
    ),
    path("projects/<int:project_id>/interest/", talent.project_interest, name="project_interest"),
    path("interests/", talent.my_interests, name="my_interests"),
    path("interests/<int:interest_id>/", talent.interest, name="interest"),
    path("saved/", talent.saved_searches, name="saved_searches"),
    path("saved/<int:search_id>/delete/", talent.saved_search_delete, name="saved_search_delete"),
    # Employer
    path("employer/postings/", employer.my_postings, name="my_postings"),
    path("employer/postings/new/", employer.posting_edit, name="posting_new"),
    path("employer/postings/<int:posting_id>/edit/", employer.posting_edit, name="posting_edit"),
    path(
        "employer/postings/<int:posting_id>/status/",
        employer.posting_status,
        name="posting_status",
    ),
    path(
        "employer/postings/<int:posting_id>/candidates/",
        employer.posting_candidates,
        name="posting_candidates",
    ),
    path("employer/candidates/<int:application_id>/", employer.candidate, name="candidate"),
    path(
        "postings/<int:posting_id>/invite/<int:profile_id>/",
        employer.posting_invite,
        name="posting_invite",
    ),
    path("employer/demands/", employer.my_demands, name="my_demands"),
    path("employer/demands/new/", employer.demand_edit, name="demand_new"),
    path("employer/demands/<int:demand_id>/edit/", employer.demand_edit, name="demand_edit"),
    path("employer/demands/<int:demand_id>/status/", employer.demand_status, name="demand_status"),
    # Staff
    path("staff/", staff.staff_search, name="staff_search"),
    path("staff/funnel/", staff.staff_funnel, name="staff_funnel"),
    path("staff/introduce/", staff.introduce, name="introduce"),
    path("staff/imports/", staff.import_list, name="imports"),
    path("staff/imports/<int:import_id>/", staff.import_detail, name="import"),
    path("staff/imports/<int:import_id>/errors.csv", staff.import_errors, name="import_errors"),
    path(
        "staff/imports/template/<str:kind>.<str:extension>",
        staff.import_template,
        name="import_template",
    ),
    # Collection
    path("recommend/", collection.recommend, name="recommend"),
    path(
        "recommendations/<str:token>/",
        collection.recommendation_answer,
        name="recommendation_answer",
    ),
    path("claim/<str:token>/", collection.claim, name="claim"),
]
