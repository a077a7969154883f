"""Remind people of tomorrow's appointments (run daily; each booking is reminded once)."""

from typing import Any

from django.core.management.base import BaseCommand

from returnee_home.appointments.actions import bookings_send_reminders


class Command(BaseCommand):
    help = "Send the day-before reminder of appointments; a booking is reminded only once."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = bookings_send_reminders()
        self.stdout.write(f"{sent} reminders sent")
