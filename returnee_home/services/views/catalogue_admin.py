"""Workspace pages that maintain the catalogue (province admins) and a Home's offerings (its
manager)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.core.errors import ApplicationError, PermissionDeniedError, apply_to_form
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.services import actions, selectors
from returnee_home.services.forms import (
    FaqFormSet,
    MaterialFormSet,
    OfferingForm,
    ServiceItemForm,
    formset_rows,
)
from returnee_home.services.models import ServiceFaq, ServiceItem


def _require_editor(request: HttpRequest) -> None:
    if not selectors.can_edit_catalogue(request.user):
        raise PermissionDeniedError()


@workspace_view
def item_list(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    items = selectors.items_for_editor(request.user).order_by(
        "category__sort_order", "sort_order", "code"
    )
    return render(request, "services/admin/item_list.html", {"items": items})


@workspace_view
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, item_id: int | None = None) -> HttpResponse:
    """Create or edit an item with its materials and editorial FAQ (one action, audited)."""
    _require_editor(request)
    item = selectors.item_for_editor(request.user, item_id) if item_id else None
    if request.method == "POST":
        form = ServiceItemForm(request.POST, instance=item or ServiceItem())
        materials = MaterialFormSet(request.POST, prefix="materials")
        faqs = FaqFormSet(request.POST, prefix="faqs")
        if form.is_valid() and materials.is_valid() and faqs.is_valid():
            data = {k: form.cleaned_data[k] for k in ServiceItemForm.Meta.fields}
            rows: dict[str, Any] = {
                "materials": formset_rows(materials, "name_zh"),
                "faqs": formset_rows(faqs, "question_zh"),
            }
            try:
                if item is None:
                    item = actions.service_item_create(actor=request.user, **data, **rows)
                else:
                    actions.service_item_update(actor=request.user, item=item, **data, **rows)
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("The service item has been saved."))
                return redirect("services:admin_items")
    else:
        form = ServiceItemForm(instance=item)
        materials = MaterialFormSet(
            prefix="materials",
            initial=[
                {k: getattr(m, k) for k in actions.MATERIAL_FIELDS} for m in item.materials.all()
            ]
            if item
            else None,
        )
        faqs = FaqFormSet(
            prefix="faqs",
            initial=[
                {k: getattr(f, k) for k in actions.FAQ_FIELDS}
                for f in item.faqs.filter(source=ServiceFaq.Source.EDITORIAL)
            ]
            if item
            else None,
        )
    context = {"form": form, "materials": materials, "faqs": faqs, "item": item}
    return render(request, "services/admin/item_form.html", context)


@workspace_view
@require_POST
def item_set_active(request: HttpRequest, item_id: int) -> HttpResponse:
    _require_editor(request)
    item = selectors.item_for_editor(request.user, item_id)
    active = request.POST.get("active") == "1"
    actions.service_item_set_active(actor=request.user, item=item, active=active)
    if active:
        messages.success(request, _("The item is back in the catalogue."))
    else:
        messages.success(request, _("The item has been retired from the catalogue."))
    return redirect("services:admin_items")


@workspace_view
def offerings(request: HttpRequest, home_id: int) -> HttpResponse:
    """The catalogue, marked with what this Home offers (its manager chooses)."""
    home = selectors.managed_home(request.user, home_id)
    current = selectors.offerings_of_home_for_manager(home)
    items = selectors.active_items()
    rows = [{"item": i, "offering": current.get(i.pk)} for i in items]
    return render(request, "services/admin/offerings.html", {"home": home, "rows": rows})


@workspace_view
@require_http_methods(["GET", "POST"])
def offering_edit(request: HttpRequest, home_id: int, item_id: int) -> HttpResponse:
    home = selectors.managed_home(request.user, home_id)
    item = selectors.active_item(item_id)
    offering = selectors.offerings_of_home_for_manager(home).get(item.pk)
    if request.method == "POST":
        form = OfferingForm(request.POST, home=home)
        if form.is_valid():
            try:
                actions.home_offering_set(
                    actor=request.user,
                    home=home,
                    item=item,
                    offered=form.cleaned_data["offered"],
                    windows=list(form.cleaned_data["windows"]),
                    hours_zh=form.cleaned_data["hours_zh"],
                    hours_en=form.cleaned_data["hours_en"],
                    note_zh=form.cleaned_data["note_zh"],
                    note_en=form.cleaned_data["note_en"],
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("The Home's offer has been saved."))
                return redirect("services:offerings", home_id=home.pk)
    else:
        initial: dict[str, Any] = {"offered": True}
        if offering is not None:
            initial = {
                "offered": offering.is_active,
                "windows": list(offering.windows.all()),
                "hours_zh": offering.hours_zh,
                "hours_en": offering.hours_en,
                "note_zh": offering.note_zh,
                "note_en": offering.note_en,
            }
        form = OfferingForm(initial=initial, home=home)
    return render(
        request, "services/admin/offering_form.html", {"home": home, "item": item, "form": form}
    )
