"""The audit log in the workspace: read-only browsing and filtering, scoped by
`core.selectors.audit_records_visible_to`. There are no edit or delete views, by design."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from returnee_home.core import selectors
from returnee_home.core.navigation import NavLink

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=pgettext_lazy("audit log", "Who"),
        required=False,
        max_length=200,
        help_text=_("E-mail address or name, or part of it."),
    )
    action = forms.CharField(
        label=pgettext_lazy("audit log", "Action"),
        required=False,
        max_length=100,
        help_text=_("e.g. orgs.membership or orgs.membership.remove"),
    )
    object_type = forms.CharField(
        label=pgettext_lazy("audit log", "Object type"),
        required=False,
        max_length=100,
        help_text=_("e.g. orgs.home"),
    )
    object_id = forms.CharField(
        label=pgettext_lazy("audit log", "Object id"), required=False, max_length=64
    )
    city = forms.ChoiceField(label=pgettext_lazy("audit log", "City"), required=False)
    date_from = forms.DateField(
        label=pgettext_lazy("audit log", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("audit log", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, cities: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("All cities"))] + [(c.code, c.name) for c in cities]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def criteria(self) -> selectors.AuditFilter:
        data = self.cleaned_data
        return selectors.AuditFilter(
            actor=data.get("actor", "").strip(),
            action=data.get("action", "").strip(),
            object_type=data.get("object_type", "").strip().lower(),
            object_id=data.get("object_id", "").strip(),
            city_code=data.get("city") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    """Province admins browse every record; city admins those of their city; others get 403."""
    records = selectors.audit_records_visible_to(request.user)
    cities = list(selectors.audit_cities_visible_to(request.user))
    form = AuditFilterForm(request.GET or None, cities=cities)
    if form.is_bound and form.is_valid():
        records = selectors.filter_audit_records(records, form.criteria())
    elif form.is_bound:
        records = records.none()
    page_obj = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    city_names = {c.code: c.name for c in cities}
    rows = [
        {
            "record": record,
            "changes": selectors.change_rows(record.changes),
            "city_name": city_names.get(record.city_code, record.city_code),
        }
        for record in page_obj
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_log.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": rows,
            "query_string": query.urlencode(),
            "whole_province": selectors.audit_city_codes(request.user) is None,
        },
    )


def audit_menu_links(request: HttpRequest) -> list[NavLink]:
    """The audit log's workspace link, for province and city admins only."""
    if not request.user.is_authenticated or not selectors.can_view_audit_log(request.user):
        return []
    return [NavLink(_("Administration"), _("Audit log"), reverse("audit:log"))]
