"""Fixtures of the services tests: the orgs world plus an item offered at both Homes."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from returnee_home.orgs.tests.conftest import client_for, world  # noqa: F401
from returnee_home.services.tests.factories import (
    HomeOfferingFactory,
    ServiceItemFactory,
    ServiceMaterialFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def pdf(name: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def fake_pdf(name: str = "evil.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")


@pytest.fixture
def svc(world: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    from returnee_home.accounts.tests.factories import activate_totp

    activate_totp(world["other_staff"].user)
    item = ServiceItemFactory(
        title_zh="申请人才公寓补贴", title_en="Talent apartment subsidy", time_limit_days=3
    )
    required = ServiceMaterialFactory(item=item, name_zh="身份证", name_en="ID card")
    optional = ServiceMaterialFactory(
        item=item, name_zh="租赁合同", name_en="Lease", is_required=False
    )
    offering = HomeOfferingFactory(home=world["home"], item=item)
    HomeOfferingFactory(home=world["other_home"], item=item)
    return {**world, "item": item, "required": required, "optional": optional, "offering": offering}


@pytest.fixture
def submitted(svc: dict[str, Any]) -> Any:
    from returnee_home.services import actions

    return actions.request_create(
        applicant=svc["people"]["talent"],
        item=svc["item"],
        home=svc["home"],
        description="需要申请补贴",
        files={svc["required"].pk: pdf()},
    )


__all__ = ["client_for", "io"]
