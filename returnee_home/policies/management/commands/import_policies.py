"""Import policy documents from files, folders or zip archives, with a report per file.

    manage.py import_policies notice.txt more/ archive.zip [--draft]

Exits with status 1 when any file was not imported."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from returnee_home.core.errors import ApplicationError
from returnee_home.policies.actions import TEXT_SUFFIXES, policy_import_batch, read_zip


class Command(BaseCommand):
    help = "Import policy documents (.txt in the province's format, .en.md renderings, .zip)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", help="Files, folders or zip archives")
        parser.add_argument(
            "--draft", action="store_true", help="Import without publishing the policies"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[tuple[str, bytes]] = []
        for raw in options["paths"]:
            path = Path(raw)
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if child.is_file() and child.name.lower().endswith(TEXT_SUFFIXES):
                        files.append((str(child.relative_to(path)), child.read_bytes()))
            elif path.is_file() and path.suffix.lower() == ".zip":
                try:
                    files.extend(read_zip(path.read_bytes()))
                except ApplicationError as error:
                    raise CommandError(f"{path}: {error.message}") from error
            elif path.is_file():
                files.append((path.name, path.read_bytes()))
            else:
                raise CommandError(f"{path}: no such file or folder")
        reports = policy_import_batch(actor=None, files=files, publish=not options["draft"])
        failed = 0
        for report in reports:
            title = f" → {report.policy.pk} {report.policy.title_zh}" if report.policy else ""
            self.stdout.write(f"{report.file_name}: {report.summary}{title}")
            for problem in report.problems:
                self.stdout.write(f"    {problem}")
            failed += not report.ok
        self.stdout.write(f"{len(reports) - failed} imported, {failed} not imported")
        if failed:
            raise SystemExit(1)
