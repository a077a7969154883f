"""Extract each app's messages into its own catalogue, fill English, report what is missing.

Each app keeps its catalogue in `<app>/locale/` so that apps can be worked on side by side.
English msgids are the source text, so the `en` catalogue is the identity; `zh_Hans` must be
translated by hand (plain Simplified Chinese).
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

APPS_DIR = Path(settings.BASE_DIR) / "returnee_home"
LANGS = ("zh_Hans", "en")
ZH_PO = Path("locale") / "zh_Hans" / "LC_MESSAGES" / "django.po"


def app_dirs() -> list[Path]:
    return sorted(p.parent for p in APPS_DIR.glob("*/locale") if p.is_dir())


def fill_english(po_path: Path) -> int:
    po = polib.pofile(str(po_path))
    filled = 0
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                filled += 1
        elif not entry.msgstr:
            entry.msgstr = entry.msgid
            filled += 1
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
    po.save()
    return filled


def apply_chinese(po_path: Path, translations: dict[str, Any]) -> int:
    """Write zh_Hans translations from {msgid: msgstr} ({msgid: [one, other]} for plurals)."""
    po = polib.pofile(str(po_path))
    applied = 0
    for entry in po:
        value = translations.get(entry.msgid)
        if value is None:
            continue
        if entry.msgid_plural:
            text = value[0] if isinstance(value, list) else value
            entry.msgstr_plural = {0: text}
        else:
            entry.msgstr = value if isinstance(value, str) else value[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        applied += 1
    po.save()
    return applied


def untranslated(po_path: Path) -> list[str]:
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po.untranslated_entries()]
    missing += [f"(fuzzy) {e.msgid}" for e in po.fuzzy_entries()]
    return missing


class Command(BaseCommand):
    help = "Extract messages per app (makemessages), fill the English catalogue, list gaps."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("apps", nargs="*", help="app names (default: every app)")
        parser.add_argument("--no-extract", action="store_true")
        parser.add_argument(
            "--check",
            action="store_true",
            help="fail if a catalogue misses a message in the code or has an untranslated one",
        )
        parser.add_argument(
            "--apply",
            metavar="JSON",
            help="a JSON file {msgid: Chinese} to write into the named apps' zh_Hans catalogues",
        )

    def check_up_to_date(self, dirs: list[Path], manage: str) -> int:
        """Extract into a scratch copy of each app and compare msgids with the catalogue."""
        stale = 0
        for app in dirs:
            with tempfile.TemporaryDirectory() as scratch:
                copy = Path(scratch) / app.name
                shutil.copytree(app, copy, ignore=shutil.ignore_patterns("static", "__pycache__"))
                subprocess.run(  # noqa: S603
                    [sys.executable, manage, "makemessages", "--no-obsolete", "-l", "zh_Hans"],
                    cwd=copy,
                    check=True,
                    capture_output=True,
                )
                fresh = {e.msgid for e in polib.pofile(str(copy / ZH_PO))}
            current = (
                {e.msgid for e in polib.pofile(str(app / ZH_PO))}
                if (app / ZH_PO).exists()
                else set()
            )
            for msgid in sorted(fresh - current):
                stale += 1
                self.stdout.write(f"{app.name}: not in the catalogue: {msgid!r}")
        return stale

    def handle(self, *args: Any, **options: Any) -> None:
        dirs = app_dirs()
        if options["apps"]:
            dirs = [d for d in dirs if d.name in options["apps"]]
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        if options["check"]:
            problems = self.check_up_to_date(dirs, manage)
            for app in dirs:
                for msgid in untranslated(app / ZH_PO) if (app / ZH_PO).exists() else []:
                    problems += 1
                    self.stdout.write(f"{app.name}: untranslated: {msgid!r}")
            if problems:
                raise CommandError(f"{problems} catalogue problem(s): run `manage.py catalogues`.")
            self.stdout.write(f"{len(dirs)} catalogues complete and up to date.")
            return
        gaps = 0
        for app in dirs:
            if not options["no_extract"]:
                subprocess.run(  # noqa: S603
                    [
                        sys.executable,
                        manage,
                        "makemessages",
                        "--no-obsolete",
                        "--add-location",
                        "file",
                        "--ignore",
                        "static/*",
                        *sum((["-l", lang] for lang in LANGS), []),
                    ],
                    cwd=app,
                    check=True,
                    capture_output=True,
                )
            en = app / "locale" / "en" / "LC_MESSAGES" / "django.po"
            if en.exists():
                fill_english(en)
            zh = app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
            if zh.exists() and options["apply"]:
                translations = json.loads(Path(options["apply"]).read_text(encoding="utf-8"))
                apply_chinese(zh, translations)
            if zh.exists():
                missing = untranslated(zh)
                gaps += len(missing)
                for msgid in missing:
                    self.stdout.write(f"{app.name}: untranslated: {msgid!r}")
        self.stdout.write(f"{len(dirs)} catalogues, {gaps} zh_Hans messages untranslated.")
