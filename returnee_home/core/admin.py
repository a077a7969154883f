"""Django admin for the technical superuser: the audit log is visible there but read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from returnee_home.core.models import AuditRecord


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    """Nobody adds, changes or deletes audit records through the admin (only `purge_audit`
    removes records past the retention period)."""

    list_display = ("created_at", "actor_label", "action", "object_type", "object_id", "city_code")
    list_filter = ("object_type",)
    search_fields = ("actor_label", "action", "object_type", "object_id", "object_repr")
    date_hierarchy = "created_at"
    list_select_related = ()
    readonly_fields = [f.name for f in AuditRecord._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
