"""Pages of appointments: the talent's booking and own appointments, the Home's counter (check
in, queue, call, serve, close) and the manager's appointment hours.

Every page works without JavaScript (plain GET forms and POST-redirect-GET); HTMX only swaps
the part of the page that changed. Out-of-scope objects answer 404, forbidden steps 403."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.appointments import actions, selectors
from returnee_home.appointments.forms import (
    BookingPickForm,
    CallNextForm,
    CheckInForm,
    CloseVisitForm,
    ScheduleExceptionForm,
    SlotChoiceForm,
    WalkInForm,
    WeeklyScheduleForm,
)
from returnee_home.appointments.models import BookingStatus
from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.orgs.models import Window
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.services.models import ServiceItem

# --- The talent's side ---------------------------------------------------------------------


@login_required
def my_appointments(request: HttpRequest) -> HttpResponse:
    lists = selectors.upcoming_and_past(request.user)
    return render(request, "appointments/my_appointments.html", lists)


def _can_change(booking: Any) -> bool:
    return (
        booking.status == BookingStatus.BOOKED
        and booking.slot.starts_at - actions.CANCEL_CUTOFF > timezone.now()
    )


@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    """Choose a Home, a service, a day (GET, step by step), then a free time (POST)."""
    homes = selectors.bookable_homes()
    days = selectors.bookable_days()
    params = request.POST if request.method == "POST" else request.GET
    home = item = None
    day: dt.date | None = None
    picked = {k: params.get(k, "") for k in ("home", "item", "day")}
    home_id = picked["home"]
    if home_id.isdigit():
        home = homes.filter(pk=home_id).first()
    items = selectors.offered_items(home) if home else ServiceItem.objects.none()
    pick = BookingPickForm(
        picked if any(picked.values()) else None, homes=homes, items=items, days=days
    )
    if pick.is_bound and pick.is_valid():
        item = pick.cleaned_data.get("item")
        day = pick.cleaned_data.get("day")
    slots = selectors.free_slots(home, item, day) if home and item and day else []
    slot_form = None
    if home and item and day:
        # The posted time is offered to the form even if it has just gone, so that the action
        # (not a generic "invalid choice") explains why it cannot be booked.
        posted = selectors.posted_slot(home, request.POST.get("slot", ""))
        slot_form = SlotChoiceForm(
            request.POST if request.method == "POST" else None,
            slots=slots + [posted] if posted and posted not in slots else slots,
        )
        if request.method == "POST" and slot_form.is_valid():
            try:
                booking = actions.booking_create(
                    person=request.user,
                    home=home,
                    item=item,
                    slot_id=slot_form.cleaned_data["slot"],
                    note=slot_form.cleaned_data.get("note", ""),
                )
            except ApplicationError as error:
                apply_to_form(slot_form, error)
                # show the times as they are now, keeping the error
                slot_form.fields["slot"].choices = (
                    SlotChoiceForm(slots=selectors.free_slots(home, item, day))
                    .fields["slot"]
                    .choices
                )
            else:
                messages.success(request, _("Your appointment is booked."))
                return redirect("appointments:detail", code=booking.code)
    elif request.method == "POST":
        messages.error(request, _("Choose a Home, a service and a day first."))
    return render(
        request,
        "appointments/book.html",
        {
            "pick": pick,
            "home": home,
            "item": item,
            "day": day,
            "slots": slots,
            "slot_form": slot_form,
            "days": days[:14],
        },
    )


@workspace_view
def detail(request: HttpRequest, code: str) -> HttpResponse:
    booking = selectors.booking_of(request.user, code)
    return render(
        request,
        "appointments/detail.html",
        {
            "booking": booking,
            "can_change": _can_change(booking),
            "cutoff_hours": int(actions.CANCEL_CUTOFF.total_seconds() // 3600),
        },
    )


@workspace_view
@require_POST
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    booking = selectors.booking_of(request.user, code)
    try:
        actions.booking_cancel(person=request.user, booking=booking)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your appointment is cancelled."))
    return redirect("appointments:detail", code=booking.code)


@workspace_view
@require_http_methods(["GET", "POST"])
def reschedule(request: HttpRequest, code: str) -> HttpResponse:
    booking = selectors.booking_of(request.user, code)
    days = selectors.bookable_days()
    raw_day = request.POST.get("day") or request.GET.get("day") or ""
    try:
        day = dt.date.fromisoformat(raw_day) if raw_day else None
    except ValueError:
        day = None
    if day is not None and day not in days:
        day = None
    slots = selectors.free_slots(booking.home, booking.item, day) if day else []
    posted = selectors.posted_slot(booking.home, request.POST.get("slot", ""))
    form = SlotChoiceForm(
        request.POST if request.method == "POST" else None,
        slots=slots + [posted] if posted and posted not in slots else slots,
        with_note=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.booking_reschedule(
                person=request.user, booking=booking, slot_id=form.cleaned_data["slot"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your appointment has been moved."))
            return redirect("appointments:detail", code=booking.code)
    return render(
        request,
        "appointments/reschedule.html",
        {
            "booking": booking,
            "day": day,
            "days": days,
            "slots": slots,
            "form": form,
            "can_change": _can_change(booking),
        },
    )


# --- The counter ---------------------------------------------------------------------------


@workspace_view
def counter_index(request: HttpRequest) -> HttpResponse:
    homes = list(selectors.counter_homes(request.user))
    if not homes:
        raise NotFoundError()
    if len(homes) == 1:
        return redirect("appointments:counter", home_id=homes[0].pk)
    return render(request, "appointments/counter_index.html", {"homes": homes})


def _counter_url(home_id: int, anchor: str = "") -> str:
    url = reverse("appointments:counter", kwargs={"home_id": home_id})
    return f"{url}#{anchor}" if anchor else url


def _counter_page(request: HttpRequest, home: Any, status: int = 200, **forms: Any) -> Any:
    windows = Window.objects.filter(home=home, is_active=True).order_by("number")
    chosen_window = request.session.get(f"appointments-window-{home.pk}")
    context = {
        "home": home,
        "queue": selectors.queue(home),
        "closed": selectors.closed_visits(home),
        "bookings": selectors.day_bookings(home),
        "today": selectors.today(),
        "now": timezone.now(),
        "check_in_form": forms.get("check_in_form") or CheckInForm(),
        "walk_in_form": forms.get("walk_in_form") or WalkInForm(),
        "call_form": forms.get("call_form")
        or CallNextForm(windows=windows, initial={"window": chosen_window}),
        "is_manager": selectors.is_home_manager(request.user, home),
    }
    return render(request, "appointments/counter.html", context, status=status)


@workspace_view
def counter(request: HttpRequest, home_id: int) -> HttpResponse:
    home = selectors.counter_home(request.user, home_id)
    return _counter_page(request, home)


@workspace_view
@never_cache
def counter_queue(request: HttpRequest, home_id: int) -> HttpResponse:
    """The waiting queue alone: the counter page polls it every few seconds (HTMX)."""
    home = selectors.counter_home(request.user, home_id)
    return render(
        request,
        "appointments/includes/queue.html",
        {"home": home, "queue": selectors.queue(home), "now": timezone.now()},
    )


@workspace_view
@require_POST
def counter_check_in(request: HttpRequest, home_id: int) -> HttpResponse:
    home = selectors.counter_home(request.user, home_id)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            visit = actions.visit_check_in(
                actor=request.user, home=home, code=form.cleaned_data["code"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is checked in with queue number %(number)s.")
                % {"name": visit.display_name, "number": visit.queue_number},
            )
            return redirect(_counter_url(home.pk, "queue"))
    return _counter_page(request, home, status=400, check_in_form=form)


@workspace_view
@require_POST
def counter_walk_in(request: HttpRequest, home_id: int) -> HttpResponse:
    home = selectors.counter_home(request.user, home_id)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            visit = actions.visit_walk_in(
                actor=request.user,
                home=home,
                person=form.cleaned_data["person"],
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is in the queue with number %(number)s.")
                % {"name": visit.display_name, "number": visit.queue_number},
            )
            return redirect(_counter_url(home.pk, "queue"))
    return _counter_page(request, home, status=400, walk_in_form=form)


@workspace_view
@require_POST
def counter_call_next(request: HttpRequest, home_id: int) -> HttpResponse:
    home = selectors.counter_home(request.user, home_id)
    windows = Window.objects.filter(home=home, is_active=True).order_by("number")
    form = CallNextForm(request.POST, windows=windows)
    if not form.is_valid():
        return _counter_page(request, home, status=400, call_form=form)
    window = form.cleaned_data["window"]
    request.session[f"appointments-window-{home.pk}"] = window.pk
    visit = actions.visit_call_next(actor=request.user, home=home, window=window)
    if visit is None:
        messages.info(request, _("Nobody is waiting for this window."))
    else:
        messages.success(
            request,
            _("Number %(number)s (%(name)s) is called to window %(window)s.")
            % {"number": visit.queue_number, "name": visit.display_name, "window": window.number},
        )
    return redirect(_counter_url(home.pk, "queue"))


@workspace_view
@require_POST
def visit_serve(request: HttpRequest, home_id: int, visit_id: int) -> HttpResponse:
    home = selectors.counter_home(request.user, home_id)
    visit = selectors.counter_visit(home, visit_id)
    try:
        actions.visit_serve(actor=request.user, home=home, visit=visit)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(_counter_url(home.pk, "queue"))
    return redirect("appointments:visit_close", home_id=home.pk, visit_id=visit.pk)


@workspace_view
@require_POST
def visit_left(request: HttpRequest, home_id: int, visit_id: int) -> HttpResponse:
    home = selectors.counter_home(request.user, home_id)
    visit = selectors.counter_visit(home, visit_id)
    try:
        actions.visit_mark_left(actor=request.user, home=home, visit=visit)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Number %(number)s left.") % {"number": visit.queue_number})
    return redirect(_counter_url(home.pk, "queue"))


@workspace_view
@require_http_methods(["GET", "POST"])
def visit_close(request: HttpRequest, home_id: int, visit_id: int) -> HttpResponse:
    home = selectors.counter_home(request.user, home_id)
    visit = selectors.counter_visit(home, visit_id)
    items = selectors.offered_items(home)
    initial = {"items": [visit.booking.item_id]} if visit.booking_id else {}
    form = CloseVisitForm(
        request.POST if request.method == "POST" else None, items=items, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.visit_close(
                actor=request.user, home=home, visit=visit, items=form.cleaned_data["items"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("Number %(number)s is served.") % {"number": visit.queue_number}
            )
            return redirect(_counter_url(home.pk, "queue"))
    return render(
        request,
        "appointments/visit_close.html",
        {"home": home, "visit": visit, "form": form},
        status=400 if form.errors else 200,
    )


@workspace_view
@require_POST
def booking_no_show(request: HttpRequest, home_id: int, booking_id: int) -> HttpResponse:
    home = selectors.counter_home(request.user, home_id)
    booking = selectors.counter_booking(home, booking_id)
    try:
        actions.booking_mark_no_show(actor=request.user, home=home, booking=booking)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("Appointment %(code)s is marked as not come.") % {"code": booking.code}
        )
    return redirect(_counter_url(home.pk, "bookings"))


# --- Appointment hours (manager) -----------------------------------------------------------


def _cancelled_message(count: int) -> str:
    return ngettext(
        "%(count)d booked appointment was cancelled; the person has been told.",
        "%(count)d booked appointments were cancelled; each person has been told.",
        count,
    ) % {"count": count}


def _schedule_page(request: HttpRequest, home: Any, status: int = 200, **forms: Any) -> Any:
    windows = Window.objects.filter(home=home).order_by("number")
    return render(
        request,
        "appointments/schedule.html",
        {
            "home": home,
            "weekly": selectors.weekly_schedules(home),
            "exceptions": selectors.schedule_exceptions(home),
            "counts": selectors.upcoming_slot_count(home),
            "weekly_form": forms.get("weekly_form") or WeeklyScheduleForm(windows=windows),
            "exception_form": forms.get("exception_form") or ScheduleExceptionForm(windows=windows),
            "affected": forms.get("affected") or [],
            "removal": forms.get("removal"),
        },
        status=status,
    )


@workspace_view
def schedule(request: HttpRequest, home_id: int) -> HttpResponse:
    home = selectors.schedule_home(request.user, home_id)
    return _schedule_page(request, home)


@workspace_view
@require_POST
def schedule_add(request: HttpRequest, home_id: int) -> HttpResponse:
    home = selectors.schedule_home(request.user, home_id)
    form = WeeklyScheduleForm(request.POST, windows=Window.objects.filter(home=home))
    if form.is_valid():
        try:
            actions.weekly_schedule_add(actor=request.user, home=home, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The appointment hours are saved and slots made."))
            return redirect("appointments:schedule", home_id=home.pk)
    return _schedule_page(request, home, status=400, weekly_form=form)


@workspace_view
@require_POST
def schedule_remove(request: HttpRequest, home_id: int, schedule_id: int) -> HttpResponse:
    home = selectors.schedule_home(request.user, home_id)
    row = selectors.home_weekly_schedule(home, schedule_id)
    codes = request.POST.getlist("cancel_code")
    try:
        actions.weekly_schedule_remove(
            actor=request.user, home=home, schedule=row, cancel_codes=codes
        )
    except actions.BookingsAffected as affected:
        # Staff see whom removing the hours affects and confirm, or keep the hours.
        removal = {"schedule": row, "bookings": affected.bookings}
        return _schedule_page(request, home, removal=removal)
    messages.success(request, _("The appointment hours are removed."))
    if codes:
        messages.info(request, _cancelled_message(len(codes)))
    return redirect("appointments:schedule", home_id=home.pk)


@workspace_view
@require_POST
def exception_add(request: HttpRequest, home_id: int) -> HttpResponse:
    home = selectors.schedule_home(request.user, home_id)
    form = ScheduleExceptionForm(request.POST, windows=Window.objects.filter(home=home))
    if form.is_valid():
        codes = request.POST.getlist("cancel_code")
        try:
            actions.schedule_exception_add(
                actor=request.user, home=home, cancel_codes=codes, **form.cleaned_data
            )
        except actions.BookingsAffected as affected:
            # Not an error: staff see whom the closure affects and confirm (or change the date).
            return _schedule_page(request, home, exception_form=form, affected=affected.bookings)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The exception is saved and slots updated."))
            if codes:
                messages.info(request, _cancelled_message(len(codes)))
            return redirect("appointments:schedule", home_id=home.pk)
    return _schedule_page(request, home, status=400, exception_form=form)


@workspace_view
@require_POST
def exception_remove(request: HttpRequest, home_id: int, exception_id: int) -> HttpResponse:
    home = selectors.schedule_home(request.user, home_id)
    row = selectors.home_schedule_exception(home, exception_id)
    actions.schedule_exception_remove(actor=request.user, home=home, exception=row)
    messages.success(request, _("The exception is removed."))
    return redirect("appointments:schedule", home_id=home.pk)
