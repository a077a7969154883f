"""Load or refresh the shipped bilingual reference data. Idempotent: updates by code."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from returnee_home.core.models import (
    City,
    Country,
    DegreeLevel,
    Discipline,
    IndustryCluster,
    Language,
    ServiceCategory,
)

REFERENCE_DIR = Path(__file__).resolve().parent.parent.parent / "reference"

# file name → (model, fields copied as they are)
SIMPLE_FILES: list[tuple[str, Any]] = [
    ("degree_levels.json", DegreeLevel),
    ("industry_clusters.json", IndustryCluster),
    ("countries.json", Country),
    ("languages.json", Language),
    ("service_categories.json", ServiceCategory),
]


def _read(name: str) -> list[dict[str, Any]]:
    path = REFERENCE_DIR / name
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def load_reference_data() -> dict[str, int]:
    """Create or update every reference row from the JSON files; returns counts per file."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        rows = _read("cities.json")
        for order, row in enumerate(sorted(rows, key=lambda r: r["parent"] is not None)):
            parent = City.objects.get(code=row["parent"]) if row["parent"] else None
            City.objects.update_or_create(
                code=row["code"],
                defaults={
                    "slug": row["slug"],
                    "name_zh": row["name_zh"],
                    "name_en": row["name_en"],
                    "kind": row["kind"],
                    "parent": parent,
                    "latitude": row.get("latitude"),
                    "longitude": row.get("longitude"),
                    "sort_order": order,
                },
            )
        counts["cities.json"] = len(rows)

        for name, model in SIMPLE_FILES:
            rows = _read(name)
            for order, row in enumerate(rows):
                defaults = {k: v for k, v in row.items() if k != "code"}
                defaults.setdefault("sort_order", order)
                model.objects.update_or_create(code=row["code"], defaults=defaults)
            counts[name] = len(rows)

        rows = _read("disciplines.json")
        for order, row in enumerate(sorted(rows, key=lambda r: r.get("parent") is not None)):
            parent = Discipline.objects.get(code=row["parent"]) if row.get("parent") else None
            Discipline.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name_zh": row["name_zh"],
                    "name_en": row["name_en"],
                    "parent": parent,
                    "sort_order": order,
                },
            )
        counts["disciplines.json"] = len(rows)
    return counts


class Command(BaseCommand):
    help = "Load the shipped reference data (cities, disciplines, industries, countries, ...)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_reference_data()
        summary = ", ".join(f"{k.removesuffix('.json')} {v}" for k, v in counts.items())
        if options.get("verbosity", 1) > 0:
            self.stdout.write(f"Reference data loaded: {summary}")
