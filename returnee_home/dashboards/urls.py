"""Dashboards: /dashboards/ sends each person to the widest dashboard they may see."""

from django.urls import path

from returnee_home.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("home/", views.home, name="home"),
    path("home/export.xlsx", views.home_export, name="home_export"),
    path("city/", views.city, name="city"),
    path("city/export.xlsx", views.city_export, name="city_export"),
    path("province/", views.province, name="province"),
    path("province/export.xlsx", views.province_export, name="province_export"),
    path("reports/", views.report_list, name="reports"),
    path(
        "reports/<int:report_id>/<str:kind>/",
        views.report_download,
        name="report_download",
    ),
    path("open-data/", views.public_statistics, name="public"),
]
