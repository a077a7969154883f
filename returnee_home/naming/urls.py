from django.urls import URLPattern

app_name = "naming"

urlpatterns: list[URLPattern] = []
