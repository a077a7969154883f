"""Events: the public calendar and event pages with their iCalendar files and feeds; a person's
registrations and tickets; the organisers' back office and check-in desk."""

from django.urls import path

from returnee_home.events.views import person, public, workspace

app_name = "events"

urlpatterns = [
    path("", public.calendar_list, name="calendar"),
    path("month/", public.calendar_month, name="month"),
    path("<int:event_id>/", public.detail, name="detail"),
    path("<int:event_id>/event.ics", public.event_ics, name="ics"),
    path("<int:event_id>/cover/", public.cover, name="cover"),
    path("feeds/home/<slug:slug>.ics", public.home_feed, name="home_feed"),
    path("feeds/city/<str:code>.ics", public.city_feed, name="city_feed"),
    path("<int:event_id>/register/", person.register, name="register"),
    path("mine/", person.mine, name="mine"),
    path("mine/<int:registration_id>/", person.ticket, name="ticket"),
    path("mine/<int:registration_id>/qr.png", person.ticket_qr, name="ticket_qr"),
    path("mine/<int:registration_id>/cancel/", person.cancel, name="cancel"),
    path("mine/<int:registration_id>/accept/", person.accept_offer, name="accept_offer"),
    path("mine/<int:registration_id>/feedback/", person.feedback, name="feedback"),
    path("materials/<int:material_id>/", person.material_file, name="material"),
    path("manage/", workspace.manage_list, name="manage_list"),
    path("manage/new/", workspace.event_new, name="new"),
    path("manage/<int:event_id>/", workspace.manage, name="manage"),
    path("manage/<int:event_id>/edit/", workspace.event_edit, name="edit"),
    path("manage/<int:event_id>/check-in/", workspace.check_in, name="check_in"),
    path(
        "manage/<int:event_id>/registrations.xlsx",
        workspace.registrations_export,
        name="registrations_export",
    ),
]
