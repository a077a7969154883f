"""Build the demo province: `manage.py seed_demo --scale small|medium|large --seed N`.

Each app adds its part through its `demo` module (see `returnee_home.core.demo.registry`).
Idempotent: the audit log keeps a marker of what was loaded (seed, scale, modules); a run that
asks for nothing more returns at once, a larger scale or a new app's module tops up, and a
different seed is refused (it would mix two provinces)."""

import secrets
import time
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from returnee_home.core import private_cache
from returnee_home.core.audit import audit_record
from returnee_home.core.demo.registry import SCALES, DemoContext, demo_modules
from returnee_home.core.management.commands.load_reference import load_reference_data
from returnee_home.core.models import AuditRecord, City

MARKER_ACTION = "demo.seeded"


def loaded_demo() -> dict[str, Any] | None:
    """What the last run loaded: {"seed": int, "scale": str, "modules": [str]}, or None."""
    record = AuditRecord.objects.filter(action=MARKER_ACTION).order_by("-created_at", "-id").first()
    if record is None:
        return None
    return {key: value[1] for key, value in record.changes.items()}


class Command(BaseCommand):
    help = "Load a reproducible demo province (Homes, organisations, staff, employers, talents)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=list(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        scale = SCALES[options["scale"]]
        seed: int = options["seed"]
        if not City.objects.exists():
            load_reference_data()
        modules = demo_modules()
        module_names = [m.__name__ for m in modules]
        previous = loaded_demo()
        if previous is not None:
            if previous["seed"] != seed:
                raise CommandError(
                    f"This database holds the demo province of seed {previous['seed']}; "
                    f"seed {seed} would mix two provinces. Start from an empty database "
                    "(make clean) to load another seed."
                )
            if SCALES[previous["scale"]].rank >= scale.rank and set(module_names) <= set(
                previous["modules"]
            ):
                self.stdout.write(
                    f"Demo province already loaded (scale {previous['scale']}, seed {seed}); "
                    "nothing to add."
                )
                return
            if SCALES[previous["scale"]].rank > scale.rank:
                scale = SCALES[previous["scale"]]  # never shrink: top up at the loaded scale
        started = time.monotonic()
        ctx = DemoContext(
            seed=seed,
            scale=scale,
            # One hash for every generated person, of a secret nobody knows: they are data,
            # not logins (the demo logins have their own passwords).
            password_hash=make_password(secrets.token_urlsafe(24)),
            log=lambda line: self.stdout.write(f"  {line}"),
        )
        self.stdout.write(f"Loading the demo province (scale {scale.name}, seed {seed}) ...")
        for module in modules:
            step = time.monotonic()
            with private_cache.batched_writes(), transaction.atomic():
                module.seed(ctx)
            self.stdout.write(f"  {module.__name__} done in {time.monotonic() - step:.1f}s")
        # Fresh statistics for the query planner after a bulk load (SQLite has none until
        # told; PostgreSQL's autovacuum would get there later).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        audit_record(
            actor=None,
            action=MARKER_ACTION,
            object_type="demo",
            object_id=str(seed),
            object_repr=f"demo province {scale.name}",
            changes={
                "seed": [previous and previous["seed"], seed],
                "scale": [previous and previous["scale"], scale.name],
                "modules": [previous and previous["modules"], module_names],
            },
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo province loaded (scale {scale.name}, seed {seed}) in "
                f"{time.monotonic() - started:.1f}s."
            )
        )
