"""The accounts app's parts of "download my data": the account, consents, identity documents,
memberships, notifications and the audit records where the person is the actor."""

from typing import Any

from returnee_home.accounts.personal_data import model_fields, register_exporter


def export_user(user: Any) -> dict[str, Any]:
    return model_fields(
        user,
        [
            "email",
            "phone",
            "phone_verified",
            "full_name",
            "name_en",
            "preferred_language",
            "is_real_name_verified",
            "date_joined",
            "last_login",
            "deletion_requested_at",
        ],
    )


def export_consents(user: Any) -> list[dict[str, Any]]:
    return [
        model_fields(c, ["version", "purpose", "accepted", "ip_address", "created_at"])
        for c in user.consents.order_by("created_at", "pk")
    ]


def export_identity_documents(user: Any) -> list[dict[str, Any]]:
    from returnee_home.accounts.models import IdentityDocument

    documents = IdentityDocument.objects.filter(user=user).select_related("nationality", "home")
    return [
        {
            "kind": d.kind,
            "full_name": d.full_name,
            "nationality": d.nationality.code if d.nationality_id else None,
            "number_masked": d.masked_number,
            "home": str(d.home) if d.home_id else None,
            "status": d.status,
            "submitted_at": d.created_at,
            "reviewed_at": d.reviewed_at,
            "rejection_reason": d.rejection_reason,
            "has_scan": bool(d.scan),
        }
        for d in documents.order_by("created_at", "pk")
    ]


def export_memberships(user: Any) -> list[dict[str, Any]]:
    from returnee_home.orgs.models import Membership

    rows = Membership.objects.filter(user=user).select_related("organisation")
    return [
        {
            "organisation": str(m.organisation),
            "role": m.role,
            "title": m.title,
            "since": m.created_at,
        }
        for m in rows.order_by("created_at", "pk")
    ]


def export_notifications(user: Any) -> list[dict[str, Any]]:
    from returnee_home.notifications.models import Notification

    rows = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    return [
        model_fields(n, ["kind", "title", "body", "url", "read_at", "created_at"]) for n in rows
    ]


def export_audit(user: Any) -> list[dict[str, Any]]:
    from returnee_home.core.models import AuditRecord

    rows = AuditRecord.objects.filter(actor=user).order_by("created_at", "pk")
    return [
        model_fields(
            r,
            [
                "action",
                "object_type",
                "object_id",
                "object_repr",
                "changes",
                "note",
                "ip_address",
                "created_at",
            ],
        )
        for r in rows
    ]


def register() -> None:
    register_exporter("accounts.user", export_user)
    register_exporter("accounts.consents", export_consents)
    register_exporter("accounts.identity_documents", export_identity_documents)
    register_exporter("accounts.memberships", export_memberships)
    register_exporter("accounts.notifications", export_notifications)
    register_exporter("accounts.audit_records", export_audit)
