"""Reads of the catalogue, offerings and requests, scoped to the person asking.

The one place that decides who sees which request: the applicant their own; the staff and
manager of a Home the requests currently at it; nobody else (city and province admins see
figures through records, not cases)."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from returnee_home.core.errors import NotFoundError
from returnee_home.core.models import City, ServiceCategory
from returnee_home.orgs.models import Home, Role, Window
from returnee_home.orgs.selectors import (
    is_province_admin,
    member_organisation_ids,
    memberships_of,
)
from returnee_home.services import search
from returnee_home.services.models import (
    OPEN_STATES,
    HomeOffering,
    RequestEvent,
    RequestMaterial,
    ServiceFaq,
    ServiceItem,
    ServiceMaterial,
    ServiceRequest,
)

HOME_ROLES = (Role.HOME_MANAGER, Role.HOME_STAFF)

# --- Catalogue (public) -------------------------------------------------------------------


def categories() -> list[ServiceCategory]:
    return list(ServiceCategory.objects.order_by("sort_order", "code"))


def _public_offerings() -> QuerySet[HomeOffering]:
    return HomeOffering.objects.filter(is_active=True, home__status=Home.Status.NAMED)


def catalogue_items(
    *, category: ServiceCategory | None = None, city: City | None = None, q: str = ""
) -> QuerySet[ServiceItem]:
    """Active items filtered by category, by city (offered by a named Home there; a prefecture
    includes its counties) and by text in either language (Chinese segmented)."""
    qs = ServiceItem.objects.filter(is_active=True).select_related("category")
    if category is not None:
        qs = qs.filter(category=category)
    if city is not None:
        homes = Home.objects.filter(
            Q(city=city) | Q(city__parent=city), status=Home.Status.NAMED
        ).values("pk")
        qs = qs.filter(
            pk__in=HomeOffering.objects.filter(is_active=True, home__in=homes).values("item_id")
        )
    qs = qs.annotate(
        home_count=Count(
            "offerings",
            filter=Q(offerings__is_active=True, offerings__home__status=Home.Status.NAMED),
        )
    ).order_by("category__sort_order", "sort_order", "code")
    # Filtered by the text and ordered best match first (catalogue order among equals).
    return search.ranked(qs, q)


def item_by_slug(slug: str) -> ServiceItem:
    """One active item with its materials, FAQ and every named Home offering it."""
    item = (
        ServiceItem.objects.filter(is_active=True, slug=slug)
        .select_related("category")
        .prefetch_related(
            Prefetch("materials", queryset=ServiceMaterial.objects.order_by("sort_order", "id")),
            Prefetch("faqs", queryset=ServiceFaq.objects.order_by("sort_order", "id")),
            Prefetch(
                "offerings",
                queryset=_public_offerings()
                .select_related("home", "home__city")
                .prefetch_related(
                    Prefetch("windows", queryset=Window.objects.filter(is_active=True))
                )
                .order_by("home__city__sort_order", "home__code"),
                to_attr="public_offerings",
            ),
        )
        .first()
    )
    if item is None:
        raise NotFoundError()
    return item


def offerings_for_home(home: Home) -> list[HomeOffering]:
    """The active catalogue items a Home offers, for its public page."""
    return list(
        HomeOffering.objects.filter(home=home, is_active=True, item__is_active=True)
        .select_related("item", "item__category")
        .prefetch_related(Prefetch("windows", queryset=Window.objects.filter(is_active=True)))
        .order_by("item__category__sort_order", "item__sort_order", "item__code")
    )


def homes_offering(item: ServiceItem) -> QuerySet[Home]:
    """Named Homes offering the item (as loaded by item_by_slug), for the request form."""
    ids = [o.home_id for o in getattr(item, "public_offerings", [])]
    return (
        Home.objects.filter(pk__in=ids).select_related("city").order_by("city__sort_order", "code")
    )


def active_items() -> list[ServiceItem]:
    """Every item in the catalogue, in catalogue order (for a manager choosing offerings)."""
    return list(
        ServiceItem.objects.filter(is_active=True)
        .select_related("category")
        .order_by("category__sort_order", "sort_order", "code")
    )


def active_item(item_id: int) -> ServiceItem:
    item = ServiceItem.objects.filter(pk=item_id, is_active=True).first()
    if item is None:
        raise NotFoundError()
    return item


def offering_for_request(*, item: ServiceItem, home_id: int) -> HomeOffering:
    """The active offering of an online-capable item at a named Home, or NotFoundError."""
    offering = (
        _public_offerings()
        .filter(item=item, home_id=home_id, item__is_active=True)
        .select_related("home", "item")
        .first()
    )
    if offering is None:
        raise NotFoundError()
    return offering


# --- Catalogue (province admins) ----------------------------------------------------------


def can_edit_catalogue(user: Any) -> bool:
    return is_province_admin(user)


def items_for_editor(user: Any) -> QuerySet[ServiceItem]:
    if not can_edit_catalogue(user):
        return ServiceItem.objects.none()
    return ServiceItem.objects.select_related("category").annotate(
        offering_count=Count("offerings", filter=Q(offerings__is_active=True))
    )


def item_for_editor(user: Any, item_id: int) -> ServiceItem:
    item = items_for_editor(user).filter(pk=item_id).first()
    if item is None:
        raise NotFoundError()
    return item


# --- Offerings (Home managers) ------------------------------------------------------------


def managed_homes(user: Any) -> list[Home]:
    """Homes whose offerings the person chooses: where they are the manager."""
    ids = member_organisation_ids(user, (Role.HOME_MANAGER,))
    if not ids:
        return []
    return list(Home.objects.filter(carrier_id__in=ids).select_related("city"))


def managed_home(user: Any, home_id: int) -> Home:
    for home in managed_homes(user):
        if home.pk == home_id:
            return home
    raise NotFoundError()


def offerings_of_home_for_manager(home: Home) -> dict[int, HomeOffering]:
    """{item_id: offering} of every offering (active or not) of the Home."""
    return {
        o.item_id: o for o in HomeOffering.objects.filter(home=home).prefetch_related("windows")
    }


# --- Requests: applicants -----------------------------------------------------------------


def requests_of(user: Any) -> QuerySet[ServiceRequest]:
    """The person's own requests, newest first."""
    if not getattr(user, "is_authenticated", False):
        return ServiceRequest.objects.none()
    return (
        ServiceRequest.objects.filter(applicant=user)
        .select_related("item", "home", "home__city")
        .order_by("-created_at", "-id")
    )


def _with_detail(qs: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    return qs.select_related(
        "item", "item__category", "home", "home__city", "applicant"
    ).prefetch_related(
        Prefetch(
            "events",
            queryset=RequestEvent.objects.select_related("actor", "from_home").order_by(
                "created_at", "id"
            ),
        ),
        Prefetch(
            "uploads",
            queryset=RequestMaterial.objects.select_related("material").order_by(
                "created_at", "id"
            ),
        ),
        Prefetch("item__materials", queryset=ServiceMaterial.objects.order_by("sort_order", "id")),
    )


def request_of_applicant(user: Any, request_id: int) -> ServiceRequest:
    """One of the person's own requests; anyone else's is NotFoundError (404)."""
    found = _with_detail(requests_of(user)).filter(pk=request_id).first()
    if found is None:
        raise NotFoundError()
    return found


# --- Requests: staff ----------------------------------------------------------------------


def staff_homes(user: Any) -> list[Home]:
    """Homes whose requests the person works: where they are staff or manager."""
    cached = getattr(user, "_services_staff_homes", None)
    if cached is None:
        ids = {m.organisation_id for m in memberships_of(user) if m.role in HOME_ROLES}
        cached = list(Home.objects.filter(carrier_id__in=ids).select_related("city")) if ids else []
        user._services_staff_homes = cached
    return cached


def is_staff_of(user: Any, home_id: int) -> bool:
    return any(h.pk == home_id for h in staff_homes(user))


def workbench_requests(
    user: Any, *, home: Home, state: str = "", item_id: int | None = None
) -> QuerySet[ServiceRequest]:
    """The Home's open requests (or those in `state`), overdue first, then by due date."""
    if not is_staff_of(user, home.pk):
        return ServiceRequest.objects.none()
    qs = ServiceRequest.objects.filter(home=home).select_related("item", "applicant")
    if state:
        qs = qs.filter(state=state)
    else:
        qs = qs.filter(state__in=OPEN_STATES)
    if item_id:
        qs = qs.filter(item_id=item_id)
    return qs.order_by("due_on", "submitted_at", "id")


def request_for_staff(user: Any, request_id: int) -> ServiceRequest:
    """A request currently at one of the person's Homes; else NotFoundError (404)."""
    ids = [h.pk for h in staff_homes(user)]
    found = (
        _with_detail(ServiceRequest.objects.filter(home_id__in=ids))
        .exclude(state="draft")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise NotFoundError()
    return found


def transfer_targets(request: ServiceRequest) -> QuerySet[Home]:
    """Named Homes, other than the current one, that offer the request's item."""
    return (
        Home.objects.filter(
            status=Home.Status.NAMED,
            offerings__item_id=request.item_id,
            offerings__is_active=True,
        )
        .exclude(pk=request.home_id)
        .select_related("city")
        .order_by("city__sort_order", "code")
    )


def upload_for(user: Any, upload_id: int) -> RequestMaterial:
    """An uploaded file the person may open: their own request's, or one at their Home."""
    upload = RequestMaterial.objects.select_related("request").filter(pk=upload_id).first()
    if upload is None or not can_view_request(user, upload.request):
        raise NotFoundError()
    return upload


def can_view_request(user: Any, request: ServiceRequest) -> bool:
    if request.applicant_id == getattr(user, "pk", None):
        return True
    return request.state != "draft" and is_staff_of(user, request.home_id)


def request_with_result(user: Any, request_id: int) -> ServiceRequest:
    """A request with a result document the person may download; else NotFoundError."""
    found = ServiceRequest.objects.filter(pk=request_id).exclude(result_document="").first()
    if found is None or not can_view_request(user, found):
        raise NotFoundError()
    return found
