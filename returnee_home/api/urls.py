from django.urls import path

from returnee_home.api import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:token_id>/revoke/", views.token_revoke, name="revoke"),
    path("personal/", views.personal_token_list, name="personal"),
    path(
        "personal/<int:token_id>/revoke/",
        views.personal_token_revoke,
        name="personal_revoke",
    ),
]
