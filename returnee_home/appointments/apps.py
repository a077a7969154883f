from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _menu(request: Any) -> list[Any]:
    """A signed-in person's appointments; the counter and hours for the Home's staff."""
    from django.urls import NoReverseMatch, reverse

    from returnee_home.appointments import selectors
    from returnee_home.core.navigation import NavLink

    if not request.user.is_authenticated:
        return []
    try:
        links = [NavLink(_("My account"), _("My appointments"), reverse("appointments:mine"))]
        for home in selectors.counter_homes(request.user):
            links.append(
                NavLink(
                    _("My Home"),
                    _("Counter and queue"),
                    reverse("appointments:counter", kwargs={"home_id": home.pk}),
                )
            )
            if selectors.is_home_manager(request.user, home):
                links.append(
                    NavLink(
                        _("My Home"),
                        _("Appointment hours"),
                        reverse("appointments:schedule", kwargs={"home_id": home.pk}),
                    )
                )
    except NoReverseMatch:  # the pages are not mounted in this URLconf
        return []
    return links


class AppointmentsConfig(AppConfig):
    name = "returnee_home.appointments"
    label = "appointments"
    verbose_name = _("Appointments and check-in")

    def ready(self) -> None:
        from returnee_home.accounts.personal_data import register_exporter
        from returnee_home.api.api import api
        from returnee_home.appointments.api import router
        from returnee_home.appointments.exports import appointments_export
        from returnee_home.core.navigation import register

        register(order=30, provider=_menu)
        register_exporter("appointments", appointments_export)
        if all(mounted is not router for _prefix, mounted in api._routers):
            api.add_router("/appointments", router)
