"""Writing audit records. Every privileged action calls `audit_record` inside its transaction."""

from typing import Any

from django.db import models

from returnee_home.core.models import AuditRecord
from returnee_home.core.request_context import current_ip

# Field names whose values never reach the log (sensitive personal data, secrets).
REDACTED_FIELDS = {"password", "document_number", "number", "token", "token_hash", "secret"}


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The printable values of `fields` on `obj`, for before/after comparison."""
    values: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name, None)
        if isinstance(value, models.Model):
            value = value.pk
        values[name] = None if value is None else str(value)
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields that changed."""
    changed = {}
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            if key in REDACTED_FIELDS:
                changed[key] = ["***", "***"]
            else:
                changed[key] = [before.get(key), after.get(key)]
    return changed


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict[str, Any] | None = None,
    note: str = "",
    city_code: str = "",
    organisation_id: int | None = None,
) -> AuditRecord:
    """Append one record to the audit log. Never raises on missing optional context."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    clean_changes = {
        k: (["***", "***"] if k in REDACTED_FIELDS else v) for k, v in (changes or {}).items()
    }
    actor_obj = actor if getattr(actor, "pk", None) else None
    return AuditRecord.objects.create(
        actor=actor_obj,
        actor_label=str(actor_obj)[:200] if actor_obj else "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        changes=clean_changes,
        note=note,
        ip_address=current_ip.get(),
        city_code=city_code,
        organisation_id=organisation_id,
    )
