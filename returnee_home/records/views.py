"""Pages of service records and ratings: the person's own services and the rating form; the
statistics of a Home, a city or the province with an .xlsx export; follow-ups of poor ratings."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.records import actions, selectors
from returnee_home.records.exports import statistics_workbook
from returnee_home.records.forms import FollowUpNoteForm, RatingForm


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        raise NotFoundError() from None


@workspace_view
def my_services(request: HttpRequest) -> HttpResponse:
    records = list(selectors.records_of(request.user)[:100])
    rows = [
        {
            "record": r,
            "ratings": list(r.ratings.all()),
            "next_round": actions.next_rating_round(r, list(r.ratings.all())),
        }
        for r in records
    ]
    return render(request, "records/mine.html", {"rows": rows})


@workspace_view
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, record_id: int) -> HttpResponse:
    record = selectors.record_of(request.user, record_id)
    ratings = list(record.ratings.all())
    next_round = actions.next_rating_round(record, ratings)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.rating_create(
                record=record,
                person=request.user,
                level=form.cleaned_data["level"],
                tags=form.cleaned_data["tags"],
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Thank you for rating our service."))
            return redirect("records:mine")
    return render(
        request,
        "records/rate.html",
        {"record": record, "ratings": ratings, "next_round": next_round, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _scope(request: HttpRequest) -> selectors.StatisticsScope:
    return selectors.statistics_scope(
        request.user,
        home_id=_int_or_none(request.GET.get("home")),
        city_id=_int_or_none(request.GET.get("city")),
    )


@workspace_view
def statistics(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    figures = selectors.statistics(scope)
    return render(
        request,
        "records/statistics.html",
        {"scope": scope, "figures": figures, "query": request.GET.urlencode()},
    )


@workspace_view
def statistics_export(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    figures = selectors.statistics(scope)
    response = HttpResponse(
        statistics_workbook(scope, figures),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"service-statistics-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@workspace_view
def follow_ups(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    qs = selectors.follow_ups_visible_to(request.user)
    if show != "all":
        qs = qs.exclude(status="resolved")
    rows = list(selectors.overdue_first(qs, today)[:200])
    return render(
        request,
        "records/follow_ups.html",
        {"rows": rows, "today": today, "show": show},
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    item = selectors.follow_up_for(request.user, follow_up_id)
    can_handle = selectors.can_handle_follow_up(request.user, item)
    form = FollowUpNoteForm(request.POST or None)
    if request.method == "POST":
        step = request.POST.get("step")
        if form.is_valid():
            try:
                if step == "contact":
                    actions.follow_up_record_contact(
                        follow_up=item, actor=request.user, note=form.cleaned_data["note"]
                    )
                else:
                    actions.follow_up_resolve(
                        follow_up=item, actor=request.user, note=form.cleaned_data["note"]
                    )
            except ApplicationError as error:
                if error.status == 403:
                    raise
                apply_to_form(form, error)
            else:
                messages.success(request, _("The follow-up has been updated."))
                return redirect(reverse("records:follow_up", args=[item.pk]))
    context: dict[str, Any] = {
        "follow_up": item,
        "rating": item.rating,
        "record": item.rating.record,
        "can_handle": can_handle,
        "form": form,
        "today": timezone.localdate(),
    }
    return render(
        request,
        "records/follow_up.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
