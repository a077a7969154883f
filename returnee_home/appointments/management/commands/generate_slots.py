"""Make every Home's appointment slots for the coming weeks (run daily; safe to repeat)."""

from typing import Any

from django.core.management.base import BaseCommand

from returnee_home.appointments.actions import SLOT_HORIZON_DAYS, slots_generate_all


class Command(BaseCommand):
    help = "Make appointment slots ahead from each Home's weekly hours and exceptions."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=SLOT_HORIZON_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        added = slots_generate_all(days=options["days"])
        self.stdout.write(f"{added} slots added")
