"""Consultations: ask (anyone), the asker's private link and own list, the staff workbench."""

from django.urls import path

from returnee_home.consultations import views

app_name = "consultations"

urlpatterns = [
    path("ask/", views.ask, name="ask"),
    path("q/<str:token>/", views.private, name="private"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:consultation_id>/", views.mine_detail, name="mine_detail"),
    path("workbench/", views.workbench, name="workbench"),
    path("workbench/<int:consultation_id>/", views.workbench_detail, name="workbench_detail"),
]
