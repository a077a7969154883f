"""Institutional recommendation (the institution's form and list; the talent's answer by the
e-mailed link) and claiming a collected profile."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.jobs import collection, selectors
from returnee_home.jobs.models import ProjectStage, RecommendationKind
from returnee_home.orgs.views.scoping import workspace_view

BACKEND = "django.contrib.auth.backends.ModelBackend"


class RecommendForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("recommending"), choices=RecommendationKind.choices)
    full_name = forms.CharField(label=gettext_lazy("talent's full name"), max_length=100)
    email = forms.EmailField(label=gettext_lazy("talent's e-mail"))
    statement = forms.CharField(
        label=gettext_lazy("recommendation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    letter = forms.FileField(
        label=gettext_lazy("recommendation letter"),
        help_text=gettext_lazy("Signed and stamped, as a PDF, JPEG or PNG file."),
    )
    project_title_zh = forms.CharField(
        label=gettext_lazy("project title (Chinese)"), max_length=200, required=False
    )
    project_title_en = forms.CharField(
        label=gettext_lazy("project title (English)"), max_length=200, required=False
    )
    project_stage = forms.ChoiceField(
        label=gettext_lazy("project stage"), choices=ProjectStage.choices, required=False
    )
    project_summary = forms.CharField(
        label=gettext_lazy("project summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PasswordForm(SetPasswordForm):
    """Choose a password (the account is created or claimed by the e-mailed link)."""


def _recommender_org(request: HttpRequest) -> Any:
    orgs = collection.recommender_organisations(request.user)
    if not orgs:
        raise PermissionDenied
    return orgs[0]


@workspace_view
def recommend(request: HttpRequest) -> HttpResponse:
    organisation = _recommender_org(request)
    form = RecommendForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        project = {}
        if data["kind"] == RecommendationKind.PROJECT:
            project = {
                "title_zh": data["project_title_zh"],
                "title_en": data["project_title_en"],
                "stage": data["project_stage"] or "idea",
                "summary": data["project_summary"],
            }
        try:
            collection.recommendation_create(
                actor=request.user,
                organisation=organisation,
                kind=data["kind"],
                full_name=data["full_name"],
                email=data["email"],
                statement=data["statement"],
                letter=data["letter"],
                project_data=project,
                base_url=request.build_absolute_uri("/")[:-1],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request, _("The recommendation is sent; the talent is asked to confirm it.")
            )
            return redirect("jobs:recommend")
    rows = list(selectors.recommendations_by(request.user)[:100])
    return render(
        request,
        "jobs/collection/recommend.html",
        {"form": form, "rows": rows, "organisation": organisation},
        status=400 if request.method == "POST" else 200,
    )


def recommendation_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = collection.recommendation_by_token(token)
    except NotFoundError as exc:
        raise Http404 from exc
    from returnee_home.accounts.models import User

    has_account = User.objects.filter(email=found.email).exists()
    signed_in = request.user.is_authenticated
    needs_password = not has_account and not signed_in
    form = PasswordForm(None, request.POST or None) if needs_password else None
    if request.method == "POST" and found.status == "pending":
        confirm = request.POST.get("answer") == "confirm"
        if confirm and has_account and not signed_in:
            messages.info(request, _("Sign in with the account of this e-mail address first."))
            return redirect(f"{reverse('account_login')}?next={request.path}")
        password = ""
        if confirm and form is not None:
            if not form.is_valid():
                return render(
                    request,
                    "jobs/collection/answer.html",
                    {"recommendation": found, "form": form},
                    status=400,
                )
            password = form.cleaned_data["new_password1"]
        try:
            answered = collection.recommendation_answer(
                recommendation=found, confirm=confirm, actor=request.user, password=password
            )
        except ApplicationError as error:
            if form is not None:
                apply_to_form(form, error)
            messages.error(request, str(error.message))
        else:
            if confirm and not signed_in and answered.profile is not None:
                login(request, answered.profile.user, backend=BACKEND)
            messages.success(
                request,
                _("Thank you: the recommendation is confirmed.")
                if confirm
                else _("The recommendation is declined; nothing about it is shown."),
            )
            return redirect("jobs:recommendation_answer", token)
    response = render(
        request,
        "jobs/collection/answer.html",
        {"recommendation": found, "form": form, "has_account": has_account},
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


def claim(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = collection.claim_by_token(token)
    except NotFoundError as exc:
        raise Http404 from exc
    user = found.profile.user
    form = PasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claimed = collection.claim_accept(
                claim=found, password=form.cleaned_data["new_password1"]
            )
        except NotFoundError as exc:
            raise Http404 from exc
        login(request, claimed, backend=BACKEND)
        messages.success(request, _("Welcome: the profile is yours. Check what it says."))
        return redirect("talent:profile")
    response = render(
        request,
        "jobs/collection/claim.html",
        {"claim": found, "form": form},
        status=400 if request.method == "POST" else 200,
    )
    response["Referrer-Policy"] = "no-referrer"
    return response
