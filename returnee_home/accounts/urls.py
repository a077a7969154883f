from django.urls import path

from returnee_home.accounts import views

app_name = "accounts"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
]
