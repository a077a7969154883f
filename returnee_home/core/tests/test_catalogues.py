"""Both catalogues of every app are complete: no untranslated or fuzzy message."""

from pathlib import Path

import polib
import pytest

APPS = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(APPS.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_every_app_with_messages_has_both_catalogues() -> None:
    apps = {p.parents[3].name for p in CATALOGUES}
    for app in apps:
        for lang in ("zh_Hans", "en"):
            assert (APPS / app / "locale" / lang / "LC_MESSAGES" / "django.po").exists(), (
                app,
                lang,
            )


@pytest.mark.parametrize(
    "po_path", CATALOGUES, ids=lambda p: f"{p.parents[3].name}-{p.parents[1].name}"
)
def test_catalogue_is_complete(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {po_path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy[:10]}"


def test_chinese_catalogues_really_are_chinese() -> None:
    """A zh_Hans msgstr that merely repeats a long English msgid was not translated."""
    for po_path in APPS.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po_path)):
            if len(entry.msgid) > 25 and entry.msgstr == entry.msgid:
                pytest.fail(f"{po_path}: {entry.msgid!r} left in English")
