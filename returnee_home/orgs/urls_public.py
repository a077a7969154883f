from django.urls import path

from returnee_home.orgs.views import public

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    path("homes/", public.homes, name="homes"),
    path("homes/<slug:slug>/", public.home_detail, name="home_detail"),
]
