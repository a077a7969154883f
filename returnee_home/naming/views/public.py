"""Public pages of naming: the open batch and its conditions, the public notice with the
objection form, and the naming decision (printable)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from returnee_home.core.cache import public_page
from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.naming import actions, selectors
from returnee_home.naming.forms import ObjectionForm
from returnee_home.naming.models import CONDITIONS, EQUIPMENT, NamingBatch


def _public(view: Any) -> Any:
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as exc:
            raise Http404 from exc

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@public_page
@_public
def index(request: HttpRequest) -> HttpResponse:
    """Open batches and published public notices."""
    return render(
        request,
        "naming/public/index.html",
        {"batches": list(selectors.public_batches()), "conditions": CONDITIONS},
    )


@public_page
@_public
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch's notice: the conditions, deadline and procedure (printable)."""
    item = selectors.public_batch(pk)
    return render(
        request,
        "naming/public/batch.html",
        {"batch": item, "conditions": CONDITIONS, "equipment": EQUIPMENT},
    )


@public_page
@_public
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The public notice (公示): the proposed Homes, each with a link to object."""
    item = selectors.public_batch(pk)
    if item.notice_published_on is None:
        raise Http404
    return render(
        request,
        "naming/public/notice.html",
        {"batch": item, "applications": selectors.public_notice(item)},
    )


@public_page
@_public
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The naming decision of a named batch (printable)."""
    item = selectors.public_batch(pk)
    if item.status != NamingBatch.Status.NAMED:
        raise Http404
    named = [a for a in selectors.public_notice(item) if a.state == "named"]
    return render(request, "naming/public/decision.html", {"batch": item, "applications": named})


@never_cache
@_public
def objection(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone files an objection during the notice; contact details stay private."""
    application = selectors.noticed_application(pk)
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.objection_file(application=application, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your objection has been received. The provincial department will "
                    "investigate it and answer before naming."
                ),
            )
            return redirect("naming:public_notice", pk=application.batch_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "naming/public/objection.html",
        {"application": application, "form": form},
        status=status,
    )
