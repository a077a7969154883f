"""The inbox: list, open, mark read (HTMX partial update with a plain-form fallback), e-mail
preference. Every notification is reached through `selectors.notification_of`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from returnee_home.notifications import actions, selectors
from returnee_home.notifications.forms import PreferenceForm

PAGE_SIZE = 20


def is_local_path(url: str) -> bool:
    """Only links inside the portal are followed (no open redirect through a notification)."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


def _page(request: HttpRequest, number: str | None) -> Page:
    return Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(number)


def _render_inbox(request: HttpRequest, page_number: str | None, status: str = "") -> HttpResponse:
    context = {
        "page_obj": _page(request, page_number),
        "unread_count": selectors.unread_count(request.user),
        "status_message": status,
    }
    if request.headers.get("HX-Request"):
        return render(request, "notifications/_inbox_panel.html", context)
    return render(request, "notifications/inbox.html", context)


def _back_to_inbox(page_number: str | None) -> HttpResponse:
    url = reverse("notifications:inbox")
    if page_number and page_number.isdigit() and page_number != "1":
        url += f"?page={page_number}"
    return redirect(url)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return _render_inbox(request, request.GET.get("page"))


@login_required
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark the message read; go to its link when it points inside the portal, else show it."""
    notification = selectors.notification_of(request.user, notification_id)
    actions.notification_mark_read(user=request.user, notification=notification)
    if notification.url and is_local_path(notification.url):
        return redirect(notification.url)
    return render(request, "notifications/detail.html", {"notification": notification})


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.notification_of(request.user, notification_id)
    actions.notification_mark_read(user=request.user, notification=notification)
    status = _("Marked as read.")
    if request.headers.get("HX-Request"):
        return _render_inbox(request, request.POST.get("page"), status)
    messages.success(request, status)
    return _back_to_inbox(request.POST.get("page"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = actions.notifications_mark_all_read(user=request.user)
    status = _("All notifications are marked as read.") if count else _("There was nothing unread.")
    if request.headers.get("HX-Request"):
        return _render_inbox(request, request.POST.get("page"), status)
    messages.success(request, status)
    return _back_to_inbox(request.POST.get("page"))


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            actions.notification_preference_set(
                user=request.user, email_copies=form.cleaned_data["email_copies"]
            )
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    else:
        form = PreferenceForm(initial={"email_copies": selectors.wants_email_copies(request.user)})
    return render(request, "notifications/settings.html", {"form": form})
