"""Service alliance, referrals to its members and platform suggestions, mounted at /alliance/ (public page at its root)."""

from django.urls import path

from returnee_home.alliance import referral_views, views

app_name = "alliance"

urlpatterns = [
    path("", views.alliance_home, name="public"),
    path("apply/", views.apply, name="apply"),
    path("register/", views.register, name="register"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:membership_id>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "mine/<int:membership_id>/offerings/new/",
        views.offering_create,
        name="offering_create",
    ),
    path("offerings/<int:offering_id>/edit/", views.offering_edit, name="offering_edit"),
    path("offerings/<int:offering_id>/delete/", views.offering_delete, name="offering_delete"),
    path("manage/", views.manage, name="manage"),
    path("manage/<int:membership_id>/", views.manage_detail, name="manage_detail"),
    path("referrals/", referral_views.referrals, name="referrals"),
    path("referrals/<int:referral_id>/", referral_views.referral_detail, name="referral_detail"),
    path(
        "referrals/<int:referral_id>/document/",
        referral_views.referral_document,
        name="referral_document",
    ),
    path(
        "referrals/refer/<int:request_id>/",
        referral_views.referral_create,
        name="referral_create",
    ),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/new/", views.suggestion_create, name="suggestion_create"),
    path("suggestions/<int:suggestion_id>/", views.suggestion_detail, name="suggestion_detail"),
    path("suggestions/attachment-3.docx", views.suggestion_form_docx, name="suggestion_docx"),
    path("suggestions/all.xlsx", views.suggestions_xlsx, name="suggestions_xlsx"),
]
