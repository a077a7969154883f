"""Appointments and check-in, mounted at /appointments/ inside i18n_patterns."""

from django.urls import path

from returnee_home.appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.my_appointments, name="mine"),
    path("book/", views.book, name="book"),
    path("mine/<str:code>/", views.detail, name="detail"),
    path("mine/<str:code>/cancel/", views.cancel, name="cancel"),
    path("mine/<str:code>/reschedule/", views.reschedule, name="reschedule"),
    path("counter/", views.counter_index, name="counter_index"),
    path("counter/<int:home_id>/", views.counter, name="counter"),
    path("counter/<int:home_id>/queue/", views.counter_queue, name="counter_queue"),
    path("counter/<int:home_id>/check-in/", views.counter_check_in, name="check_in"),
    path("counter/<int:home_id>/walk-in/", views.counter_walk_in, name="walk_in"),
    path("counter/<int:home_id>/call-next/", views.counter_call_next, name="call_next"),
    path(
        "counter/<int:home_id>/visits/<int:visit_id>/serve/",
        views.visit_serve,
        name="visit_serve",
    ),
    path("counter/<int:home_id>/visits/<int:visit_id>/left/", views.visit_left, name="visit_left"),
    path(
        "counter/<int:home_id>/visits/<int:visit_id>/close/",
        views.visit_close,
        name="visit_close",
    ),
    path(
        "counter/<int:home_id>/bookings/<int:booking_id>/no-show/",
        views.booking_no_show,
        name="no_show",
    ),
    path("schedule/<int:home_id>/", views.schedule, name="schedule"),
    path("schedule/<int:home_id>/hours/", views.schedule_add, name="schedule_add"),
    path(
        "schedule/<int:home_id>/hours/<int:schedule_id>/remove/",
        views.schedule_remove,
        name="schedule_remove",
    ),
    path("schedule/<int:home_id>/exceptions/", views.exception_add, name="exception_add"),
    path(
        "schedule/<int:home_id>/exceptions/<int:exception_id>/remove/",
        views.exception_remove,
        name="exception_remove",
    ),
]
