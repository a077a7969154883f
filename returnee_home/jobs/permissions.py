"""Who may do what with demand and supply records: one place, read by actions and selectors."""

from typing import Any

from returnee_home.orgs.models import OrgKind, Role
from returnee_home.orgs.selectors import memberships_of, roles_of

STAFF_ROLES = frozenset({Role.HOME_MANAGER, Role.HOME_STAFF, Role.CITY_ADMIN, Role.PROVINCE_ADMIN})
HOME_ROLES = (Role.HOME_MANAGER, Role.HOME_STAFF)


def is_staff(user: Any) -> bool:
    """Staff of any Home, a city bureau or the province: they see the whole province's pool."""
    return bool(roles_of(user) & STAFF_ROLES)


def employer_organisations(user: Any) -> list[Any]:
    """Organisations whose postings and demands the person manages (as employer contact)."""
    return [
        m.organisation
        for m in memberships_of(user)
        if m.role == Role.EMPLOYER_CONTACT and m.organisation.kind == OrgKind.EMPLOYER
    ]


def may_manage_for(user: Any, organisation: Any) -> bool:
    return any(org.pk == organisation.pk for org in employer_organisations(user))


def interest_organisations(user: Any) -> list[Any]:
    """Organisations in whose name the person may register interest in a project: employers
    (as employer or investor), start-up parks (their Home's team) and alliance partners."""
    orgs: dict[int, Any] = {}
    for m in memberships_of(user):
        org = m.organisation
        if (
            (m.role == Role.EMPLOYER_CONTACT and org.kind == OrgKind.EMPLOYER)
            or (m.role in HOME_ROLES and org.kind == OrgKind.STARTUP_PARK)
            or (m.role == Role.PARTNER and org.kind == OrgKind.ALLIANCE_PARTNER)
        ):
            orgs[org.pk] = org
    return list(orgs.values())


def home_of_staff(user: Any) -> Any:
    """The Home the person works at (first one), for recording staff introductions."""
    from returnee_home.orgs.models import Home

    for m in memberships_of(user):
        if m.role in HOME_ROLES:
            home = Home.objects.filter(carrier_id=m.organisation_id).first()
            if home is not None:
                return home
    return None


def collecting_organisation(user: Any) -> Any:
    """The organisation in whose name staff collect records (their Home's carrier, their
    bureau, or the province): the source of imported records and of their external ids."""
    for m in memberships_of(user):
        if m.role in STAFF_ROLES:
            return m.organisation
    return None
