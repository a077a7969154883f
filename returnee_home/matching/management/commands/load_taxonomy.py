"""Load or refresh the matching taxonomy from `matching/data/*.json` (idempotent; synonyms
added by staff are kept). Run after `load_reference`: disciplines and industries come from it."""

from typing import Any

from django.core.management.base import BaseCommand

from returnee_home.matching.taxonomy import load_taxonomy


class Command(BaseCommand):
    help = "Load the matching taxonomy (skills, occupations, synonyms) from the shipped files."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_taxonomy()
        if options["verbosity"] > 0:
            summary = ", ".join(f"{count} {name}" for name, count in counts.items())
            self.stdout.write(f"Taxonomy loaded: {summary}.")
