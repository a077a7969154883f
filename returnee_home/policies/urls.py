from django.urls import path

from returnee_home.policies import views

app_name = "policies"

urlpatterns = [
    path("", views.policy_list, name="list"),
    path("<int:pk>/", views.policy_detail, name="detail"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("benefits/", views.benefits, name="benefits"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/import/", views.manage_import, name="manage_import"),
    path("manage/new/", views.manage_edit, name="manage_new"),
    path("manage/<int:pk>/", views.manage_detail, name="manage_detail"),
    path("manage/<int:pk>/edit/", views.manage_edit, name="manage_edit"),
    path("manage/<int:pk>/attachments/", views.manage_attachment, name="manage_attachment"),
    path("manage/<int:pk>/english/", views.manage_english, name="manage_english"),
    path(
        "manage/<int:policy_id>/interpretations/new/",
        views.interpretation_edit,
        name="interpretation_new",
    ),
    path("manage/interpretations/<int:pk>/", views.interpretation_edit, name="interpretation_edit"),
    path("manage/<int:policy_id>/benefits/new/", views.benefit_edit, name="benefit_new"),
    path("manage/benefits/<int:pk>/", views.benefit_edit, name="benefit_edit"),
    path("manage/benefits/<int:pk>/<str:step>/", views.benefit_step, name="benefit_step"),
]
