from django.urls import path

from returnee_home.orgs.views import workspace

app_name = "workspace"

urlpatterns = [
    path("", workspace.home, name="home"),
]
