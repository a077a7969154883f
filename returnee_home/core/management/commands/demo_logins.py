"""Print the demo logins (one per role) and the TOTP secret of the accounts that need a code."""

from typing import Any

from django.core.management.base import BaseCommand

from returnee_home.accounts.demo import (
    DEMO_ROLES,
    DEMO_TOTP_SECRET,
    TWO_FACTOR_DEMO_ROLES,
    demo_email,
    demo_password,
)
from returnee_home.accounts.models import User

ROLE_LABELS = {
    "talent": "Talent (returnee)",
    "employer": "Employer contact",
    "recommender": "Recommending institution",
    "staff": "Home staff",
    "manager": "Home manager",
    "city": "City admin (Nanjing)",
    "province": "Province admin",
    "expert": "Expert",
    "partner": "Alliance partner",
}


class Command(BaseCommand):
    help = "Print the demo logins (e-mail, password) and the demo TOTP secret."

    def handle(self, *args: Any, **options: Any) -> None:
        existing = set(
            User.objects.filter(email__in=[demo_email(r) for r in DEMO_ROLES]).values_list(
                "email", flat=True
            )
        )
        rows = [
            (
                ROLE_LABELS[role],
                demo_email(role),
                demo_password(role),
                "yes" if role in TWO_FACTOR_DEMO_ROLES else "",
            )
            for role in DEMO_ROLES
        ]
        header = ("Role", "E-mail", "Password", "TOTP")
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        self.stdout.write("Demo logins:")
        self.stdout.write(line.format(*header))
        self.stdout.write(line.format(*("-" * w for w in widths)))
        for row in rows:
            self.stdout.write(line.format(*row).rstrip())
        self.stdout.write(
            f"\nAccounts marked TOTP ask for a six-digit code after the password. Add the secret "
            f"{DEMO_TOTP_SECRET} (base32, 30 s, SHA-1, 6 digits) to an authenticator app, or run "
            "`.venv/bin/python manage.py demo_totp` for the current code."
        )
        missing = [r for r in DEMO_ROLES if demo_email(r) not in existing]
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    "Not in this database yet: " + ", ".join(missing) + " (run seed_demo)."
                )
            )
