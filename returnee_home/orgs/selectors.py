"""Reads of organisations, memberships and Homes, scoped to the person asking.

This module is the one place that decides who may see or administer which organisation and
Home: views and other apps call these functions and never filter private data themselves."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from returnee_home.core.errors import NotFoundError
from returnee_home.core.models import City
from returnee_home.orgs.models import (
    TWO_FACTOR_ROLES,
    Home,
    Invitation,
    Membership,
    Organisation,
    OrgKind,
    Role,
    VerificationStatus,
    Window,
)

HOME_ROLES = (Role.HOME_MANAGER, Role.HOME_STAFF)


# --- Who the person is --------------------------------------------------------------------


def memberships_of(user: Any) -> list[Membership]:
    """The person's memberships, loaded once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, organisation__is_active=True)
            .select_related("organisation", "organisation__city")
            .order_by("organisation__kind", "organisation__name_zh", "role")
        )
        user._memberships_cache = cached
    return cached


def roles_of(user: Any) -> set[str]:
    return {m.role for m in memberships_of(user)}


def requires_two_factor(user: Any) -> bool:
    return bool(roles_of(user) & TWO_FACTOR_ROLES)


def is_province_admin(user: Any) -> bool:
    return Role.PROVINCE_ADMIN in roles_of(user)


def _place_ids(prefecture_ids: set[int]) -> set[int]:
    """The prefectures and the province-administered counties that report through them."""
    if not prefecture_ids:
        return set()
    return set(
        City.objects.filter(Q(pk__in=prefecture_ids) | Q(parent_id__in=prefecture_ids)).values_list(
            "pk", flat=True
        )
    )


def _prefecture_id(city: City | None) -> int | None:
    if city is None:
        return None
    return city.parent_id or city.pk


def admin_city_ids(user: Any) -> set[int]:
    """Cities (with their counties) the person administers as city admin."""
    cached = getattr(user, "_admin_city_ids", None)
    if cached is None:
        prefectures = {
            _prefecture_id(m.organisation.city)
            for m in memberships_of(user)
            if m.role == Role.CITY_ADMIN and m.organisation.city_id
        }
        cached = _place_ids({p for p in prefectures if p})
        user._admin_city_ids = cached
    return cached


def verification_city_ids(user: Any) -> set[int]:
    """Cities whose employers the person may verify: a city admin's city, or the city of the
    Home they work at (its prefecture and counties)."""
    cached = getattr(user, "_verification_city_ids", None)
    if cached is None:
        prefectures = {
            _prefecture_id(m.organisation.city)
            for m in memberships_of(user)
            if m.role in (Role.CITY_ADMIN, *HOME_ROLES) and m.organisation.city_id
        }
        cached = _place_ids({p for p in prefectures if p})
        user._verification_city_ids = cached
    return cached


def is_city_admin(user: Any) -> bool:
    return Role.CITY_ADMIN in roles_of(user)


def member_organisation_ids(user: Any, roles: tuple[str, ...] | None = None) -> set[int]:
    return {m.organisation_id for m in memberships_of(user) if roles is None or m.role in roles}


# --- Organisations ------------------------------------------------------------------------


def administrable_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations the person may administer: all for a province admin; for a city admin,
    those of their city and its counties (never the province); none for anyone else."""
    qs = Organisation.objects.select_related("city", "industry")
    if is_province_admin(user):
        return qs
    cities = admin_city_ids(user)
    if not cities:
        return qs.none()
    return qs.filter(city_id__in=cities).exclude(kind=OrgKind.PROVINCE)


def can_administer(user: Any, organisation: Organisation) -> bool:
    if is_province_admin(user):
        return True
    return (
        organisation.kind != OrgKind.PROVINCE
        and organisation.city_id is not None
        and organisation.city_id in admin_city_ids(user)
    )


def can_verify_employer(user: Any, organisation: Organisation) -> bool:
    """Home staff of a Home in the employer's city, its city admin, or a province admin."""
    if organisation.kind != OrgKind.EMPLOYER:
        return False
    if is_province_admin(user):
        return True
    return organisation.city_id in verification_city_ids(user)


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    """Organisations whose private page the person may open: those they administer, those they
    belong to, and employers in the city whose verification they handle."""
    qs = Organisation.objects.select_related("city", "industry")
    if is_province_admin(user):
        return qs
    condition = Q(pk__in=member_organisation_ids(user))
    cities = admin_city_ids(user)
    if cities:
        condition |= Q(city_id__in=cities) & ~Q(kind=OrgKind.PROVINCE)
    verify = verification_city_ids(user)
    if verify:
        condition |= Q(kind=OrgKind.EMPLOYER, city_id__in=verify)
    return qs.filter(condition)


def organisation_for_member(user: Any, org_id: int) -> Organisation:
    """One organisation the person may see; NotFoundError (404) when outside their scope."""
    organisation = organisations_visible_to(user).filter(pk=org_id).first()
    if organisation is None:
        raise NotFoundError()
    return organisation


def can_manage_members(user: Any, organisation: Organisation) -> bool:
    """Admins of the organisation's city or the province; an employer's contacts for their own
    employer."""
    if can_administer(user, organisation):
        return True
    return organisation.kind == OrgKind.EMPLOYER and organisation.pk in member_organisation_ids(
        user, (Role.EMPLOYER_CONTACT,)
    )


def invitable_roles(user: Any, organisation: Organisation) -> list[str]:
    """The roles the person may give in this organisation."""
    from returnee_home.orgs.models import ROLES_BY_KIND

    allowed = list(ROLES_BY_KIND.get(organisation.kind, ()))
    if can_administer(user, organisation):
        if not is_province_admin(user):
            allowed = [r for r in allowed if r not in (Role.PROVINCE_ADMIN, Role.EXPERT)]
        return allowed
    if can_manage_members(user, organisation):
        return [Role.EMPLOYER_CONTACT]
    return []


def can_view_licence(user: Any, organisation: Organisation) -> bool:
    if not organisation.business_licence:
        return False
    if organisation.pk in member_organisation_ids(user, (Role.EMPLOYER_CONTACT,)):
        return True
    return can_verify_employer(user, organisation) or can_administer(user, organisation)


def can_publish(organisation: Organisation) -> bool:
    """Only verified, active employers publish jobs, demands or anything else later on."""
    return (
        organisation.kind == OrgKind.EMPLOYER
        and organisation.is_active
        and organisation.verification_status == VerificationStatus.VERIFIED
    )


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__full_name", "pk")
    )


def open_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    from django.utils import timezone

    return Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def employer_verification_queue(user: Any) -> QuerySet[Organisation]:
    """Employers awaiting verification that the person may verify, oldest first."""
    qs = Organisation.objects.filter(
        kind=OrgKind.EMPLOYER, verification_status=VerificationStatus.PENDING
    ).select_related("city", "industry")
    if not is_province_admin(user):
        qs = qs.filter(city_id__in=verification_city_ids(user))
    return qs.order_by("created_at", "pk")


def organisation_directory(
    user: Any, *, kind: str = "", city_id: int | None = None, q: str = ""
) -> QuerySet[Organisation]:
    """The administration list: administrable organisations with member counts, filtered."""
    qs = administrable_organisations(user).annotate(member_count=Count("memberships"))
    if kind:
        qs = qs.filter(kind=kind)
    if city_id:
        qs = qs.filter(Q(city_id=city_id) | Q(city__parent_id=city_id))
    if q:
        qs = qs.filter(Q(name_zh__icontains=q) | Q(name_en__icontains=q) | Q(credit_code=q.upper()))
    return qs.order_by("city__sort_order", "kind", "name_zh", "pk")


def cities_administered(user: Any) -> QuerySet[City]:
    if is_province_admin(user):
        return City.objects.all()
    return City.objects.filter(pk__in=admin_city_ids(user))


# --- Homes --------------------------------------------------------------------------------


def homes_visible_to(user: Any) -> QuerySet[Home]:
    """Homes whose workspace pages the person may open: their own Home (staff, manager), the
    Homes of their city (city admin), every Home (province admin)."""
    qs = Home.objects.select_related("city", "carrier")
    if is_province_admin(user):
        return qs
    condition = Q(carrier_id__in=member_organisation_ids(user, HOME_ROLES))
    cities = admin_city_ids(user)
    if cities:
        condition |= Q(city_id__in=cities)
    return qs.filter(condition)


def home_for_member(user: Any, home_id: int) -> Home:
    home = (
        homes_visible_to(user)
        .prefetch_related(
            Prefetch("windows", queryset=Window.objects.order_by("number")),
            "service_categories",
        )
        .filter(pk=home_id)
        .first()
    )
    if home is None:
        raise NotFoundError()
    return home


def can_edit_home(user: Any, home: Home) -> bool:
    """The Home's manager, or an admin of its carrier."""
    if home.carrier_id in member_organisation_ids(user, (Role.HOME_MANAGER,)):
        return True
    return can_administer(user, home.carrier)


def home_colleagues(home: Home) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation_id=home.carrier_id, role__in=HOME_ROLES)
        .select_related("user")
        .order_by("role", "user__full_name", "pk")
    )


def my_homes(user: Any) -> list[Home]:
    """The Homes the person works at (manager or staff), with windows and services."""
    ids = member_organisation_ids(user, HOME_ROLES)
    if not ids:
        return []
    return list(
        Home.objects.filter(carrier_id__in=ids)
        .select_related("city", "carrier")
        .prefetch_related(
            Prefetch("windows", queryset=Window.objects.order_by("number")),
            "service_categories",
            Prefetch(
                "carrier__memberships",
                queryset=Membership.objects.filter(role__in=HOME_ROLES)
                .select_related("user")
                .order_by("role", "user__full_name"),
                to_attr="colleagues",
            ),
        )
    )


def carriers_without_home(user: Any) -> QuerySet[Organisation]:
    return administrable_organisations(user).filter(
        kind__in=[OrgKind.SERVICE_WINDOW, OrgKind.STARTUP_PARK], home__isnull=True
    )


# --- Summaries for the admin overviews ----------------------------------------------------


def city_overview(city_ids: set[int]) -> dict[str, Any]:
    """Homes of the city (with counts by status), organisations by kind, pending employers."""
    homes = list(
        Home.objects.filter(city_id__in=city_ids)
        .select_related("city")
        .annotate(window_count=Count("windows"))
        .order_by("city__sort_order", "code")
    )
    by_kind = dict(
        Organisation.objects.filter(city_id__in=city_ids)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    kinds = [
        (label, by_kind.get(value, 0)) for value, label in OrgKind.choices if value != "province"
    ]
    pending = Organisation.objects.filter(
        city_id__in=city_ids,
        kind=OrgKind.EMPLOYER,
        verification_status=VerificationStatus.PENDING,
    ).count()
    return {"homes": homes, "kinds": kinds, "pending": pending}


def province_overview() -> list[dict[str, Any]]:
    """One row per prefecture-level city: Homes, named Homes, organisations, members (the
    counties counted with their city)."""
    prefecture = Coalesce("city__parent_id", "city_id")
    homes = {
        row["p"]: row
        for row in Home.objects.annotate(p=prefecture)
        .values("p")
        .annotate(n=Count("pk"), named=Count("pk", filter=Q(status=Home.Status.NAMED)))
    }
    orgs = {
        row["p"]: row["n"]
        for row in Organisation.objects.exclude(city__isnull=True)
        .annotate(p=prefecture)
        .values("p")
        .annotate(n=Count("pk"))
    }
    members = {
        row["p"]: row["n"]
        for row in Membership.objects.exclude(organisation__city__isnull=True)
        .annotate(p=Coalesce("organisation__city__parent_id", "organisation__city_id"))
        .values("p")
        .annotate(n=Count("user_id", distinct=True))
    }
    rows = []
    for city in City.objects.filter(kind=City.Kind.PREFECTURE):
        home_row = homes.get(city.pk, {})
        rows.append(
            {
                "city": city,
                "homes": home_row.get("n", 0),
                "named": home_row.get("named", 0),
                "organisations": orgs.get(city.pk, 0),
                "members": members.get(city.pk, 0),
            }
        )
    return rows


# --- Public portal ------------------------------------------------------------------------


def public_homes() -> QuerySet[Home]:
    """Homes shown in the public directory: the named ones."""
    return Home.objects.filter(status=Home.Status.NAMED).select_related("city", "carrier")


def directory_homes(*, city: City | None = None, kind: str = "", q: str = "") -> QuerySet[Home]:
    """Named Homes filtered as the directory's form asks: a prefecture includes its counties."""
    qs = public_homes()
    if city is not None:
        qs = qs.filter(Q(city=city) | Q(city__parent=city))
    if kind:
        qs = qs.filter(carrier__kind=kind)
    if q:
        qs = qs.filter(
            Q(name_zh__icontains=q)
            | Q(name_en__icontains=q)
            | Q(address_zh__icontains=q)
            | Q(address_en__icontains=q)
        )
    return qs.order_by("city__sort_order", "code")


def public_cities() -> list[City]:
    return list(City.objects.select_related("parent").order_by("sort_order", "code"))


def public_figures() -> dict[str, int]:
    """Named Homes, cities with one, open windows: one query."""
    return Home.objects.filter(status=Home.Status.NAMED).aggregate(
        homes=Count("pk", distinct=True),
        cities=Count(Coalesce("city__parent_id", "city_id"), distinct=True),
        windows=Count("windows", filter=Q(windows__is_active=True), distinct=True),
    )


def named_homes_per_city() -> dict[int, int]:
    return dict(
        Home.objects.filter(status=Home.Status.NAMED)
        .values("city_id")
        .annotate(n=Count("pk"))
        .values_list("city_id", "n")
    )


def public_home(slug: str) -> Home:
    """A named Home with everything its public page shows; NotFoundError when not public."""
    home = (
        public_homes()
        .select_related("city__parent")
        .annotate(
            staff_count=Count(
                "carrier__memberships__user",
                filter=Q(carrier__memberships__role__in=HOME_ROLES),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch("windows", queryset=Window.objects.order_by("number")),
            "service_categories",
        )
        .filter(slug=slug)
        .first()
    )
    if home is None:
        raise NotFoundError()
    return home


def home_windows(home: Home) -> list[Window]:
    return list(Window.objects.filter(home=home).order_by("number"))


def home_window(home: Home, window_id: int) -> Window:
    """A window of a Home already reached through a scoped selector."""
    window = Window.objects.filter(home=home, pk=window_id).select_related("home").first()
    if window is None:
        raise NotFoundError()
    return window


def organisation_membership(organisation: Organisation, membership_id: int) -> Membership:
    membership = (
        Membership.objects.filter(organisation=organisation, pk=membership_id)
        .select_related("user", "organisation")
        .first()
    )
    if membership is None:
        raise NotFoundError()
    return membership


def organisation_invitation(organisation: Organisation, invitation_id: int) -> Invitation:
    invitation = (
        Invitation.objects.filter(organisation=organisation, pk=invitation_id)
        .select_related("organisation")
        .first()
    )
    if invitation is None:
        raise NotFoundError()
    return invitation
