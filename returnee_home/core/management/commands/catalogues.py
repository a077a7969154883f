"""Extract each app's messages into its own catalogue, fill English, report what is missing.

Each app keeps its catalogue in `<app>/locale/` so that apps can be worked on side by side.
English msgids are the source text, so the `en` catalogue is the identity; `zh_Hans` must be
translated by hand (plain Simplified Chinese).
"""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

APPS_DIR = Path(settings.BASE_DIR) / "returnee_home"
LANGS = ("zh_Hans", "en")


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
            entry.msgstr = entry.msgid if not entry.msgid_plural else entry.msgstr
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
            "--apply",
            metavar="JSON",
            help="a JSON file {msgid: Chinese} to write into the named apps' zh_Hans catalogues",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dirs = app_dirs()
        if options["apps"]:
            dirs = [d for d in dirs if d.name in options["apps"]]
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        gaps = 0
        for app in dirs:
            if not options["no_extract"]:
                subprocess.run(  # noqa: S603
                    [sys.executable, manage, "makemessages", "--no-obsolete",
                     "--add-location", "file", "--ignore", "static/*",
                     *sum((["-l", lang] for lang in LANGS), [])],
                    cwd=app, check=True, capture_output=True,
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
