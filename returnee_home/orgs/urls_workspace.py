from django.urls import path

from returnee_home.orgs.views import admin, employers, workspace

app_name = "workspace"

urlpatterns = [
    path("", workspace.home, name="home"),
    path("homes/<int:home_id>/", workspace.home_detail, name="home_detail"),
    path("homes/<int:home_id>/edit/", workspace.home_edit, name="home_edit"),
    path("homes/<int:home_id>/windows/add/", workspace.window_add, name="window_add"),
    path(
        "homes/<int:home_id>/windows/<int:window_id>/",
        workspace.window_update,
        name="window_update",
    ),
    path(
        "homes/<int:home_id>/windows/<int:window_id>/remove/",
        workspace.window_remove,
        name="window_remove",
    ),
    path("organisations/", admin.organisation_list, name="organisation_list"),
    path("organisations/new/", admin.organisation_create, name="organisation_create"),
    path("organisations/<int:org_id>/", admin.organisation_detail, name="organisation_detail"),
    path("organisations/<int:org_id>/invite/", admin.member_invite, name="member_invite"),
    path(
        "organisations/<int:org_id>/members/<int:membership_id>/remove/",
        admin.member_remove,
        name="member_remove",
    ),
    path(
        "organisations/<int:org_id>/invitations/<int:invitation_id>/revoke/",
        admin.invitation_revoke,
        name="invitation_revoke",
    ),
    path("organisations/<int:org_id>/home/new/", admin.home_create, name="home_create"),
    path("organisations/<int:org_id>/licence/", employers.licence, name="licence"),
    path(
        "organisations/<int:org_id>/correct/", employers.employer_correct, name="employer_correct"
    ),
    path("employers/register/", employers.employer_register, name="employer_register"),
    path("employers/verification/", employers.verification_queue, name="verification_queue"),
    path("employers/<int:org_id>/verify/", employers.employer_verify, name="employer_verify"),
    path("employers/<int:org_id>/reject/", employers.employer_reject, name="employer_reject"),
    path("invitations/<str:token>/", employers.invitation_accept, name="invitation_accept"),
]
