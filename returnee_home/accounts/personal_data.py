"""Everything the platform holds about one person, as one JSON document ("download my data").

Each app contributes its own part. In the app's AppConfig.ready():

    from returnee_home.accounts.personal_data import register_exporter
    register_exporter("talent.profile", talent_profile_export)   # fn(user) -> JSON-serialisable
    register_eraser("talent.profile", talent_profile_erase)       # fn(user) -> None, on purge

An exporter returns plain data (dicts, lists, strings, numbers, booleans, None; dates and
decimals are converted by the encoder). It must never return a full identity-document number or
another person's private data: mask sensitive numbers, name other people only by role.
"""

import datetime
import decimal
import json
import uuid
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]
_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}

FORMAT_VERSION = 1


def register_exporter(key: str, fn: Exporter) -> None:
    """Add (or replace, for the same key) the exporter that fills `key` in the download."""
    _exporters[key] = fn


def registered_keys() -> list[str]:
    return sorted(_exporters)


def register_eraser(key: str, fn: Eraser) -> None:
    """Add the function that deletes or anonymises an app's data when an account is purged.

    fn(user) runs inside the purge transaction, before the account itself is anonymised. It
    must keep what the law requires (audit records, anonymised statistics) and delete the rest.
    """
    _erasers[key] = fn


def erase(user: Any) -> None:
    """Run every registered eraser for `user`, in key order."""
    for key in sorted(_erasers):
        _erasers[key](user)


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            return timezone.localtime(o).isoformat() if timezone.is_aware(o) else o.isoformat()
        if isinstance(o, decimal.Decimal | uuid.UUID):
            return str(o)
        if isinstance(o, set | frozenset | tuple):
            return list(o)
        return super().default(o)


def collect(user: Any) -> dict[str, Any]:
    """The whole export for `user`: metadata plus one entry per registered exporter."""
    sections = {key: _exporters[key](user) for key in registered_keys()}
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": timezone.now(),
        "user_id": user.pk,
        "data": sections,
    }


def as_json(user: Any) -> str:
    """The export as an indented UTF-8 JSON text (Chinese kept readable, not escaped)."""
    return json.dumps(collect(user), cls=_Encoder, ensure_ascii=False, indent=2)


def model_fields(obj: Any, fields: list[str]) -> dict[str, Any]:
    """{field: value} for plain fields of a model instance; foreign keys as their string."""
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name, None)
        if hasattr(value, "_meta"):
            value = str(value)
        out[name] = value
    return out
