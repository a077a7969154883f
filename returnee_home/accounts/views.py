"""Pages of the accounts app: the notice, the person's account, consent, data download,
deletion, real-name verification (the person's side and the Home's queue), SMS password reset.

Views parse input, call one action, render. Private objects come only from selectors."""

import functools
from collections.abc import Callable
from typing import Any

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.accounts import actions, forms, personal_data, selectors
from returnee_home.accounts.models import IdentityDocument
from returnee_home.core.cache import public_page
from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.core.request_context import client_ip

REVIEW_PAGE_SIZE = 25


def scoped(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Out-of-scope objects answer 404 and missing roles 403, through the designed pages."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ApplicationError as error:
            if error.status == 404:
                raise Http404 from None
            if error.status == 403:
                raise PermissionDenied(str(error.message)) from None
            raise

    return wrapper


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- The notice ------------------------------------------------------------------------------


@public_page
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/privacy.html",
        {
            "version": selectors.current_privacy_version(),
            "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
            "audit_days": settings.AUDIT_RETENTION_DAYS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest) -> HttpResponse:
    """Accept the current notice (asked again whenever its version changes)."""
    next_url = _safe_next(request, reverse("accounts:home"))
    form = forms.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.consent_accept(user=request.user, ip_address=client_ip(request))
        messages.success(request, _("Thank you. Your consent is recorded."))
        return redirect(next_url)
    previous = selectors.latest_consent(request.user)
    return render(
        request,
        "accounts/consent.html",
        {
            "form": form,
            "next": next_url,
            "version": selectors.current_privacy_version(),
            "previous": previous,
        },
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest) -> HttpResponse:
    try:
        actions.consent_withdraw(user=request.user, ip_address=client_ip(request))
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("accounts:home")
    messages.info(
        request,
        _(
            "Your consent is withdrawn. To use your account again, accept the notice; to "
            "remove your data, delete your account."
        ),
    )
    return redirect("accounts:consent")


# --- My account ------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/home.html",
        {
            "person": user,
            "consents": selectors.consent_history(user)[:20],
            "current_consent": selectors.has_current_consent(user),
            "latest_document": selectors.identity_documents_of(user).first(),
            "deletion_due": actions.deletion_due_date(user),
            "version": selectors.current_privacy_version(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {
        "full_name": user.full_name,
        "name_en": user.name_en,
        "preferred_language": user.preferred_language,
    }
    form = forms.ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.user_update_profile(user=user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            language = user.preferred_language
            from django.utils import translation

            with translation.override(language):
                messages.success(request, _("Your profile is saved."))
            target = translate_url(reverse("accounts:home"), language)
            response = redirect(target)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                samesite="Lax",
                secure=request.is_secure(),
                max_age=365 * 24 * 3600,
            )
            return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The JSON file of everything the platform holds about the person."""
    if request.GET.get("download") != "1":
        return render(
            request, "accounts/export.html", {"sections": personal_data.registered_keys()}
        )
    body = personal_data.as_json(request.user)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="returnee-home-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    """Ask for deletion (password confirmed), or see when it happens and cancel it."""
    user = request.user
    form = forms.PasswordConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.account_deletion_request(user=user, password=form.cleaned_data["password"])
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.warning(request, _("Your account is scheduled for deletion."))
            return redirect("accounts:delete")
    return render(
        request,
        "accounts/delete.html",
        {
            "form": form,
            "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
            "audit_days": settings.AUDIT_RETENTION_DAYS,
            "deletion_due": actions.deletion_due_date(user),
            "has_password": user.has_usable_password(),
        },
    )


@login_required
@require_POST
def delete_cancel(request: HttpRequest) -> HttpResponse:
    try:
        actions.account_deletion_cancel(user=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Deletion cancelled. Your account stays."))
    return redirect("accounts:home")


# --- Real-name verification: the person ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def identity(request: HttpRequest) -> HttpResponse:
    user = request.user
    documents = list(selectors.identity_documents_of(user))
    pending = any(d.status == IdentityDocument.Status.PENDING for d in documents)
    can_submit = not pending and not user.is_real_name_verified
    homes = selectors.homes_for_submission(user)
    form = (
        forms.IdentityDocumentForm(request.POST or None, request.FILES or None, homes=homes)
        if can_submit
        else None
    )
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            actions.identity_document_submit(user=user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("Your document is sent. The Home's staff will check it soon.")
            )
            return redirect("accounts:identity")
    return render(
        request,
        "accounts/identity.html",
        {"documents": documents, "form": form, "pending": pending},
    )


def _file_response(document: IdentityDocument) -> HttpResponse:
    if not document.scan:
        raise Http404
    response = FileResponse(
        document.scan.open("rb"),
        content_type=document.scan_content_type or "application/octet-stream",
    )
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@scoped
def identity_scan(request: HttpRequest, pk: int) -> HttpResponse:
    return _file_response(selectors.own_identity_document(request.user, pk))


# --- Real-name verification: the Home's queue ------------------------------------------------


@login_required
@scoped
def review_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", IdentityDocument.Status.PENDING)
    if status not in IdentityDocument.Status.values:
        status = IdentityDocument.Status.PENDING
    documents = selectors.identity_review_queue(request.user, status=status)
    page = Paginator(documents, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/review_queue.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": IdentityDocument.Status.choices,
            "query_string": f"status={status}",
        },
    )


@login_required
@scoped
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.identity_document_for_review(request.user, pk)
    reject_form = forms.RejectForm(
        request.POST if request.POST.get("decision") == "reject" else None
    )
    error_message = ""
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "verify":
                actions.identity_document_verify(actor=request.user, document=document)
                messages.success(request, _("Verified. The person has been told."))
                return redirect("accounts:review_queue")
            if request.POST.get("decision") == "reject" and reject_form.is_valid():
                actions.identity_document_reject(
                    actor=request.user, document=document, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, _("Rejected. The person has been told the reason."))
                return redirect("accounts:review_queue")
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            apply_to_form(reject_form, error)
            if error.code == "illegal_transition":
                error_message = str(error.message)
    others = IdentityDocument.objects.none()
    if document.number_index:
        others = (
            selectors.identity_review_queue(request.user, status=None)
            .filter(number_index=document.number_index)
            .exclude(pk=document.pk)
        )
    return render(
        request,
        "accounts/review_detail.html",
        {
            "document": document,
            "reject_form": reject_form,
            "error_message": error_message,
            "same_number": list(others[:10]),
        },
    )


@login_required
@scoped
def review_scan(request: HttpRequest, pk: int) -> HttpResponse:
    return _file_response(selectors.identity_document_for_review(request.user, pk))


# --- Password reset by SMS code --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def phone_reset(request: HttpRequest) -> HttpResponse:
    form = forms.PhoneResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        if not ratelimit.consume(request, action="reset_password", key=phone):
            form.add_error(None, _("Too many requests. Wait a few minutes and try again."))
        else:
            actions.phone_password_reset_start(session=request.session, phone=phone)
            return redirect("accounts:phone_reset_confirm")
    return render(request, "accounts/phone_reset.html", {"form": form})


@require_http_methods(["GET", "POST"])
def phone_reset_confirm(request: HttpRequest) -> HttpResponse:
    state = actions.phone_password_reset_pending(request.session)
    if state is None:
        messages.info(request, _("Ask for a code first."))
        return redirect("accounts:phone_reset")
    form = forms.PhoneResetConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.phone_password_reset_complete(
                session=request.session,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except ApplicationError as error:
            if error.code in ("reset_expired", "reset_too_many_attempts"):
                messages.error(request, str(error.message))
                return redirect("accounts:phone_reset")
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your password is changed. Sign in with it now."))
            return redirect("account_login")
    masked = f"{state['phone'][3:6]}****{state['phone'][-4:]}"
    return render(
        request, "accounts/phone_reset_confirm.html", {"form": form, "masked_phone": masked}
    )
