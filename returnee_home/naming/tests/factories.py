"""Factories of the naming tests: a batch, and an application filled so that every condition
is met."""

import datetime as dt
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from returnee_home.accounts.tests.factories import PNG_BYTES
from returnee_home.naming import actions
from returnee_home.naming.models import CONDITION_KEYS, DEFAULT_SCHEME, EQUIPMENT_KEYS, NamingBatch


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NamingBatch

    year = 2026
    number = factory.Sequence(lambda n: n + 2)
    title_zh = factory.LazyAttribute(lambda o: f"{o.year}年第{o.number}批江苏省留学人员之家申报")
    title_en = factory.LazyAttribute(lambda o: f"{o.year} batch {o.number} of Homes")
    application_deadline = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=30)
    )
    notice_working_days = 5
    carrier_kinds = factory.LazyFunction(lambda: ["service_window", "startup_park"])
    scoring_scheme = factory.LazyFunction(lambda: dict(DEFAULT_SCHEME))


def png(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def complete_values() -> dict[str, Any]:
    return {
        "display_area": 80,
        "exchange_area": 60,
        "public_service_area": 120,
        "floor_area": 400,
        "rules_items": "就业指导、项目申报、人事人才、待遇落实",
        "rules_procedures": "受理、办理、反馈",
        "rules_management": "首问负责制、限时办结制",
        "rules_published_where": "服务大厅公示栏",
        "person_times_declared": 820,
        "demands_collected": 45,
        "matches_made": 12,
    }


def fill_complete(manager: Any, application: Any) -> Any:
    """Fill the basic information form so that all six conditions are met."""
    staff = [
        {
            "name": f"工作人员{k}",
            "post": "专员",
            "is_full_time": True,
            "education": "bachelor",
            "english": "working",
            "window_number": 1,
        }
        for k in range(3)
    ]
    staff += [{"id": s.pk, "delete": True} for s in application.staff.all()]
    windows = [{"id": w.pk, "delete": True} for w in application.windows.all()]
    windows.append({"number": 1, "name": "综合服务窗口", "staff_count": 1})
    application = actions.application_update(
        actor=manager,
        application=application,
        values=complete_values(),
        equipment={k: 2 for k in EQUIPMENT_KEYS},
        staff=staff,
        windows=windows,
    )
    for key in CONDITION_KEYS:
        actions.evidence_add(
            actor=manager, application=application, title=key, upload=png(), condition=key
        )
    application.refresh_from_db()
    return application
