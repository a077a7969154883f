"""Shapes of the API's answers. Bilingual objects carry both languages and `name` in the
language of the request."""

from datetime import date, datetime

from django.urls import reverse
from ninja import Field, Schema

from returnee_home.core.i18n import pick


class ErrorOut(Schema):
    code: str = Field(..., description="Stable machine-readable code, e.g. not_found")
    message: str = Field(..., description="Explanation in the request's language")
    fields: dict[str, str] = Field(
        default_factory=dict, description="Per-field messages, for invalid input"
    )


class CitySummary(Schema):
    code: str
    name: str
    name_zh: str
    name_en: str
    kind: str
    slug: str


class CityOut(CitySummary):
    parent_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    counties: list[CitySummary] = []

    @staticmethod
    def resolve_parent_code(obj: object) -> str | None:
        parent = getattr(obj, "parent", None) if getattr(obj, "parent_id", None) else None
        return parent.code if parent else None

    @staticmethod
    def resolve_counties(obj: object) -> list[object]:
        return list(obj.counties.all())  # type: ignore[attr-defined]


class CodeName(Schema):
    code: str
    name: str


class HomeOut(Schema):
    slug: str
    code: str
    name: str
    name_zh: str
    name_en: str
    city: CitySummary
    carrier_kind: str
    address: str
    opening_hours: str
    phone: str
    plaque_number: str
    batch_label: str
    services: list[CodeName]
    url: str = Field(..., description="The Home's public page on the portal")

    @staticmethod
    def resolve_carrier_kind(obj: object) -> str:
        return obj.carrier.kind  # type: ignore[attr-defined]

    @staticmethod
    def resolve_services(obj: object) -> list[object]:
        return list(obj.service_categories.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_url(obj: object) -> str:
        return reverse("portal:home_detail", args=[obj.slug])  # type: ignore[attr-defined]


class WindowOut(Schema):
    number: int
    name: str


class HomeDetailOut(HomeOut):
    carrier_name: str
    address_zh: str
    address_en: str
    opening_hours_zh: str
    opening_hours_en: str
    introduction: str
    introduction_zh: str
    introduction_en: str
    email: str
    latitude: float | None = None
    longitude: float | None = None
    named_on: date | None = None
    staff_count: int
    windows: list[WindowOut]

    @staticmethod
    def resolve_carrier_name(obj: object) -> str:
        return obj.carrier.name  # type: ignore[attr-defined]

    @staticmethod
    def resolve_windows(obj: object) -> list[object]:
        return list(obj.windows.all())  # type: ignore[attr-defined]


class OrganisationOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    name_zh: str
    name_en: str
    city: CitySummary | None = None
    address: str
    website: str
    description: str
    industry: CodeName | None = None

    @staticmethod
    def resolve_kind_label(obj: object) -> str:
        return str(obj.get_kind_display())  # type: ignore[attr-defined]


class MembershipOut(Schema):
    organisation_id: int
    organisation_name: str
    organisation_kind: str
    role: str
    role_label: str

    @staticmethod
    def resolve_organisation_name(obj: object) -> str:
        return obj.organisation.name  # type: ignore[attr-defined]

    @staticmethod
    def resolve_organisation_kind(obj: object) -> str:
        return obj.organisation.kind  # type: ignore[attr-defined]

    @staticmethod
    def resolve_role_label(obj: object) -> str:
        return str(obj.get_role_display())  # type: ignore[attr-defined]


class PersonOut(Schema):
    id: int
    name: str
    email: str | None = None
    preferred_language: str
    is_real_name_verified: bool
    memberships: list[MembershipOut]


class TokenInfoOut(Schema):
    name: str
    prefix: str
    expires_at: datetime | None = None
    scope: str | None = Field(None, description="A personal token's scope: 'read' or 'write'")


class MeOut(Schema):
    kind: str = Field(
        ...,
        description="'person' (browser session or personal token) or 'organisation' (its token)",
    )
    person: PersonOut | None = None
    organisation: OrganisationOut | None = None
    token: TokenInfoOut | None = None


class MemberOut(Schema):
    user_id: int
    name: str
    name_en: str
    email: str | None = None
    role: str
    role_label: str
    title: str

    @staticmethod
    def resolve_name(obj: object) -> str:
        user = obj.user  # type: ignore[attr-defined]
        return pick(user.full_name, user.name_en) or user.display_name

    @staticmethod
    def resolve_name_en(obj: object) -> str:
        return obj.user.name_en  # type: ignore[attr-defined]

    @staticmethod
    def resolve_email(obj: object) -> str | None:
        return obj.user.email  # type: ignore[attr-defined]

    @staticmethod
    def resolve_role_label(obj: object) -> str:
        return str(obj.get_role_display())  # type: ignore[attr-defined]
