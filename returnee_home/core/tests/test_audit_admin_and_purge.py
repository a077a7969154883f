from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from returnee_home.accounts.tests.factories import UserFactory
from returnee_home.core.audit import audit_record
from returnee_home.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def _aged(days: float) -> AuditRecord:
    record = audit_record(actor=None, action="test.aged", object_type="x", note=f"{days}")
    AuditRecord.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    return record


def test_purge_deletes_only_records_past_retention_and_audits_itself(settings):
    settings.AUDIT_RETENTION_DAYS = 180
    old = _aged(181)
    older = _aged(400)
    recent = _aged(179)
    today = _aged(0)
    call_command("purge_audit", stdout=open("/dev/null", "w"))  # noqa: SIM115
    remaining = set(AuditRecord.objects.values_list("pk", flat=True))
    assert old.pk not in remaining and older.pk not in remaining
    assert {recent.pk, today.pk} <= remaining
    run = AuditRecord.objects.get(action="audit.purge")
    assert run.changes == {"deleted": [None, 2]}
    assert run.actor_label == "system"


def test_purge_dry_run_deletes_nothing(settings):
    _aged(200)
    call_command("purge_audit", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AuditRecord.objects.filter(action="test.aged").count() == 1
    assert not AuditRecord.objects.filter(action="audit.purge").exists()


def test_purge_refuses_a_retention_below_the_legal_minimum(settings):
    from django.core.management.base import CommandError

    settings.AUDIT_RETENTION_DAYS = 30
    _aged(60)
    with pytest.raises(CommandError):
        call_command("purge_audit")
    assert AuditRecord.objects.filter(action="test.aged").count() == 1


def test_admin_registration_is_read_only():
    model_admin = site._registry[AuditRecord]
    request = type("R", (), {"user": UserFactory(is_staff=True, is_superuser=True)})()
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request) is False
    assert model_admin.has_delete_permission(request) is False
    assert model_admin.has_view_permission(request) is True


def test_superuser_can_view_but_not_delete_in_django_admin():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    record = audit_record(actor=None, action="test.admin", object_type="x")
    client = Client()
    client.force_login(superuser)
    assert client.get("/django-admin/core/auditrecord/").status_code == 200
    assert client.get(f"/django-admin/core/auditrecord/{record.pk}/change/").status_code == 200
    response = client.post(f"/django-admin/core/auditrecord/{record.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditRecord.objects.filter(pk=record.pk).exists()
