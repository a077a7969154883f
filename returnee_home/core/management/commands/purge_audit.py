"""Delete audit records older than the retention period (settings.AUDIT_RETENTION_DAYS).

Run it daily (cron or Celery beat). It never touches younger records, and it writes an audit
record of its own run."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from returnee_home.core.audit import audit_record
from returnee_home.core.models import AuditRecord


class Command(BaseCommand):
    help = "Delete audit records older than AUDIT_RETENTION_DAYS (at least 180 days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted, delete nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = int(settings.AUDIT_RETENTION_DAYS)
        if days < 180:
            raise CommandError("AUDIT_RETENTION_DAYS must be at least 180 (legal minimum).")
        cutoff = timezone.now() - timedelta(days=days)
        expired = AuditRecord.objects.filter(created_at__lt=cutoff)
        if options["dry_run"]:
            self.stdout.write(f"{expired.count()} audit records older than {days} days.")
            return
        with transaction.atomic():
            deleted, _ = expired.delete()
            audit_record(
                actor=None,
                action="audit.purge",
                object_type="core.auditrecord",
                object_repr=f"records before {cutoff:%Y-%m-%d %H:%M:%S %Z}",
                changes={"deleted": [None, deleted]},
                note=f"Retention {days} days; deleted {deleted} records.",
            )
        self.stdout.write(f"Deleted {deleted} audit records older than {days} days.")
