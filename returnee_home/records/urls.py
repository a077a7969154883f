"""Service records and ratings: the person's own services and ratings, the workspace
statistics of a Home, a city and the province, and follow-ups of poor ratings."""

from django.urls import path

from returnee_home.records import views

app_name = "records"

urlpatterns = [
    path("mine/", views.my_services, name="mine"),
    path("rate/<int:record_id>/", views.rate, name="rate"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export.xlsx", views.statistics_export, name="statistics_export"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:follow_up_id>/", views.follow_up, name="follow_up"),
]
