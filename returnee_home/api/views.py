"""Workspace pages where an organisation's manager-level members create and revoke its API
tokens, and where every signed-in person creates and revokes their own personal tokens.
Tokens are reached only through `api.selectors` (`token_of`, `personal_token_of`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from returnee_home.api import actions, selectors
from returnee_home.api.forms import PersonalTokenCreateForm, TokenCreateForm
from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.core.navigation import NavLink


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """List the tokens of the person's organisations; create one (its text is shown once)."""
    organisations = selectors.token_manager_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    form = TokenCreateForm(request.POST or None, organisations=organisations)
    created = None
    if request.method == "POST" and form.is_valid():
        by_id = {o.pk: o for o in organisations}
        try:
            token, full_token = actions.api_token_create(
                actor=request.user,
                organisation=by_id[form.cleaned_data["organisation"]],
                name=form.cleaned_data["name"],
                expires_at=form.expires_at(),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            created = {"token": token, "secret": full_token}
            form = TokenCreateForm(organisations=organisations)
    status = 400 if request.method == "POST" and created is None else 200
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": list(selectors.tokens_visible_to(request.user)),
            "organisations": organisations,
            "docs_url": "/api/v1/docs",
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = selectors.token_of(request.user, token_id)
    try:
        actions.api_token_revoke(actor=request.user, token=token)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The token “%(name)s” is revoked and no longer works.") % {"name": token.name},
        )
    return redirect("api_tokens:list")


@never_cache
@login_required
def personal_token_list(request: HttpRequest) -> HttpResponse:
    """The person's own tokens; create one (its text is shown once)."""
    form = PersonalTokenCreateForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, full_token = actions.personal_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.expires_at(),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            created = {"token": token, "secret": full_token}
            form = PersonalTokenCreateForm()
    status = 400 if request.method == "POST" and created is None else 200
    return render(
        request,
        "api/personal_tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": list(selectors.personal_tokens_of(request.user)),
            "docs_url": "/api/v1/docs",
        },
        status=status,
    )


@login_required
@require_POST
def personal_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = selectors.personal_token_of(request.user, token_id)
    try:
        actions.personal_token_revoke(user=request.user, token=token)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The token “%(name)s” is revoked and no longer works.") % {"name": token.name},
        )
    return redirect("api_tokens:personal")


def token_menu_links(request: HttpRequest) -> list[NavLink]:
    """Everyone signed in: their personal tokens. Manager-level members of an organisation:
    also its tokens."""
    if not request.user.is_authenticated:
        return []
    try:
        personal_url = reverse("api_tokens:personal")
        organisation_url = reverse("api_tokens:list")
    except NoReverseMatch:  # the pages' URLs are not mounted in this URLconf
        return []
    links = [NavLink(gettext_lazy("My account"), gettext_lazy("My API tokens"), personal_url)]
    if selectors.token_manager_organisations(request.user):
        links.append(
            NavLink(gettext_lazy("My organisations"), gettext_lazy("API tokens"), organisation_url)
        )
    return links
