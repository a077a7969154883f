"""Pages of consultations: anyone asks; the asker follows the question by account or private
link; staff answer, hand over and publish from their workbench."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from returnee_home.consultations import actions, selectors
from returnee_home.consultations.forms import AnswerForm, AskForm, HandoverForm, PublishForm
from returnee_home.consultations.models import ANSWER_WITHIN_WORKING_DAYS
from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.core.request_context import current_ip
from returnee_home.core.workdays import add_working_days
from returnee_home.orgs.views.scoping import workspace_view


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    # Reached from a Home's or a service's page: the question goes there unless changed.
    home = selectors.home_to_ask(request.GET.get("home", ""))
    item = selectors.item_to_ask(request.GET.get("item", ""))
    initial: dict[str, Any] = {"language": request.LANGUAGE_CODE, "home": home}
    if item is not None:
        initial.update(item=item, category=item.category)
    form = AskForm(request.POST or None, signed_in=signed_in, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation, token = actions.consultation_ask(
                asker=request.user,
                home=data["home"],
                category=data["category"],
                item=data["item"],
                language=data["language"],
                subject=data["subject"],
                question=data["question"],
                name=data.get("name", ""),
                email=data.get("email", ""),
                consent_to_publish=data["consent_to_publish"],
                ip_address=current_ip.get() or request.META.get("REMOTE_ADDR"),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
            return render(request, "consultations/ask.html", {"form": form}, status=error.status)
        if signed_in:
            messages.success(request, _("Your question has been sent."))
            return redirect("consultations:mine_detail", consultation.pk)
        return render(request, "consultations/check_email.html", {"consultation": consultation})
    due = add_working_days(timezone.localdate(), ANSWER_WITHIN_WORKING_DAYS)
    return render(
        request,
        "consultations/ask.html",
        {"form": form, "due": due, "days": ANSWER_WITHIN_WORKING_DAYS, "asked_home": home},
        status=400 if request.method == "POST" else 200,
    )


def private(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: opening it confirms the e-mail address, then shows the question."""
    try:
        found = actions.consultation_by_token(token)
    except NotFoundError as exc:
        raise Http404 from exc
    consultation = actions.consultation_confirm(consultation=found)
    response = render(request, "consultations/detail.html", {"consultation": consultation})
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@workspace_view
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "consultations/mine.html", {"rows": list(selectors.mine(request.user)[:100])}
    )


@workspace_view
def mine_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.mine_one(request.user, consultation_id)
    return render(request, "consultations/detail.html", {"consultation": consultation})


@workspace_view
def workbench(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    rows = list(selectors.workbench(request.user, status=status)[:200])
    return render(
        request,
        "consultations/workbench.html",
        {"rows": rows, "status": status, "today": timezone.localdate()},
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def workbench_detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.workbench_one(request.user, consultation_id)
    step = request.POST.get("step", "")
    data = request.POST if request.method == "POST" else None
    forms: dict[str, Any] = {
        "answer_form": AnswerForm(data if step == "answer" else None),
        "handover_form": HandoverForm(data if step == "hand_over" else None),
        "publish_form": PublishForm(
            data if step == "publish" else None,
            initial={
                f"question_{'zh' if consultation.language == 'zh-hans' else 'en'}": consultation.question,
                f"answer_{'zh' if consultation.language == 'zh-hans' else 'en'}": consultation.answer,
            },
        ),
    }
    if request.method == "POST":
        form = forms.get(
            {"answer": "answer_form", "hand_over": "handover_form", "publish": "publish_form"}.get(
                step, ""
            )
        )
        if form is not None and form.is_valid():
            try:
                if step == "answer":
                    actions.consultation_answer(
                        consultation=consultation, actor=request.user, **form.cleaned_data
                    )
                elif step == "hand_over":
                    actions.consultation_hand_over(
                        consultation=consultation, actor=request.user, **form.cleaned_data
                    )
                    messages.success(request, _("The question has been handed over."))
                    return redirect("consultations:workbench")
                else:
                    actions.consultation_publish(
                        consultation=consultation, actor=request.user, **form.cleaned_data
                    )
            except ApplicationError as error:
                if error.status == 403 and error.code == "permission_denied":
                    raise
                apply_to_form(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("consultations:workbench_detail", consultation.pk)
    return render(
        request,
        "consultations/workbench_detail.html",
        {"consultation": consultation, "today": timezone.localdate(), **forms},
        status=400 if request.method == "POST" else 200,
    )
