"""Print the current TOTP code for the demo secret (what an authenticator app would show)."""

import time
from typing import Any

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from returnee_home.accounts.demo import DEMO_TOTP_SECRET


def current_demo_code(at: float | None = None) -> str:
    """The code for the demo secret at time `at` (now by default)."""
    counter = int(at if at is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo accounts' secret."

    def handle(self, *args: Any, **options: Any) -> None:
        now = time.time()
        remaining = app_settings.TOTP_PERIOD - int(now) % app_settings.TOTP_PERIOD
        self.stdout.write(current_demo_code(now))
        self.stderr.write(f"(valid for another {remaining} s)")
