"""Anonymise accounts whose deletion grace period has ended. Run daily (cron or Celery beat)."""

from typing import Any

from django.core.management.base import BaseCommand

from returnee_home.accounts.actions import purge_due_accounts


class Command(BaseCommand):
    help = "Anonymise accounts whose deletion grace period has ended; audit records are kept."

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_due_accounts()
        self.stdout.write(f"Anonymised {count} account(s).")
