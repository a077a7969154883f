"""The moderators' queue and decisions; the province's boards, moderators and word list."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.community import actions, selectors
from returnee_home.community.forms import AppointForm, BoardForm, ReasonForm, SanctionForm, WordForm
from returnee_home.community.models import (
    Board,
    Message,
    Moderator,
    PartnerPost,
    Reply,
    Report,
    Sanction,
    SensitiveWord,
    Thread,
)
from returnee_home.community.views.common import member_view
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError

TARGETS = {"thread": Thread, "reply": Reply, "message": Message, "partner": PartnerPost}


def _moderator(request: HttpRequest) -> None:
    if not selectors.is_moderator(request.user):
        raise PermissionDeniedError()


def _admin(request: HttpRequest) -> None:
    if not selectors.is_province_admin(request.user):
        raise PermissionDeniedError()


@member_view
def queue(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    return render(
        request,
        "community/moderation/queue.html",
        {
            "reports": selectors.open_reports(),
            "held_threads": selectors.held_threads(),
            "held_replies": selectors.held_replies(),
            "held_partners": list(
                PartnerPost.objects.filter(status=PartnerPost.Status.HIDDEN)
                .exclude(moderation_reason="")
                .select_related("author")[:50]
            ),
            "reason_form": ReasonForm(),
            "sanctions": selectors.recent_sanctions(20),
        },
    )


@member_view
@require_POST
def decide(request: HttpRequest, step: str, kind: str, pk: int) -> HttpResponse:
    """Hide or restore (publish) a thread, reply, message or partner post."""
    _moderator(request)
    model = TARGETS.get(kind)
    if model is None or step not in {"hide", "restore"}:
        raise NotFoundError()
    target = get_object_or_404(model, pk=pk)
    key = "partner_post" if kind == "partner" else kind
    reason = request.POST.get("reason", "")
    try:
        if step == "hide":
            actions.content_hide(actor=request.user, reason=reason, **{key: target})
            messages.success(request, _("Hidden. The author has been told why."))
        else:
            actions.content_restore(actor=request.user, reason=reason, **{key: target})
            messages.success(request, _("Published. The author has been told."))
    except ApplicationError as error:
        if error.status == 403:
            raise
        messages.error(request, str(error.message))
    return redirect(request.POST.get("next") or "community:moderation")


@member_view
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    report = selectors.report_for(request.user, pk)
    try:
        actions.report_dismiss(
            actor=request.user, report=report, reason=request.POST.get("reason", "")
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The report is dismissed."))
    return redirect("community:moderation")


@member_view
@require_http_methods(["GET", "POST"])
def member(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    form = SanctionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = None
        if request.POST.get("report", "").isdigit():
            report = Report.objects.filter(pk=int(request.POST["report"])).first()
        try:
            actions.member_sanction(
                actor=request.user, member=person, kind=data["kind"], reason=data["reason"],
                days=data.get("days"), report=report,
            )  # fmt: skip
        except ApplicationError as error:
            if error.status == 403:
                raise
            from returnee_home.core.errors import apply_to_form

            apply_to_form(form, error)
        else:
            messages.success(request, _("Saved. The member has been told the reason."))
            return redirect("community:moderation_member", person.pk)
    return render(
        request,
        "community/moderation/member.html",
        {
            "person": person,
            "form": form,
            "sanctions": list(selectors.sanctions_of(person)),
            "current": selectors.current_sanction(person),
            "report": request.GET.get("report", ""),
            "reason_form": ReasonForm(),
        },
        status=400 if request.method == "POST" else 200,
    )


@member_view
@require_POST
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    sanction = get_object_or_404(Sanction, pk=pk)
    try:
        actions.sanction_lift(
            actor=request.user, sanction=sanction, reason=request.POST.get("reason", "")
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Lifted. The member has been told."))
    return redirect("community:moderation_member", sanction.member_id)


@member_view
@require_http_methods(["GET", "POST"])
def words(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = WordForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("remove", "").isdigit():
            entry = get_object_or_404(SensitiveWord, pk=int(request.POST["remove"]))
            actions.sensitive_word_remove(actor=request.user, entry=entry)
            messages.success(request, _("Removed from the list."))
            return redirect("community:moderation_words")
        if form.is_valid():
            try:
                actions.sensitive_word_add(actor=request.user, **form.cleaned_data)
            except ApplicationError as error:
                from returnee_home.core.errors import apply_to_form

                apply_to_form(form, error)
            else:
                messages.success(request, _("Added to the list."))
                return redirect("community:moderation_words")
    return render(
        request,
        "community/moderation/words.html",
        {"form": form, "words": list(SensitiveWord.objects.all()[:1000])},
        status=400 if request.method == "POST" else 200,
    )


@member_view
@require_http_methods(["GET", "POST"])
def boards(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _admin(request)
    board = get_object_or_404(Board.objects.exclude(kind=Board.Kind.CIRCLE), pk=pk) if pk else None
    initial = {}
    if board is not None:
        initial = {f: getattr(board, f) for f in BoardForm.base_fields}
    form = BoardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.board_save(actor=request.user, board=board, **form.cleaned_data)
        except ApplicationError as error:
            from returnee_home.core.errors import apply_to_form

            apply_to_form(form, error)
        else:
            messages.success(request, _("The board is saved."))
            return redirect("community:moderation_boards")
    return render(
        request,
        "community/moderation/boards.html",
        {
            "form": form,
            "board": board,
            "boards": list(
                Board.objects.exclude(kind=Board.Kind.CIRCLE).order_by("position", "id")
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@member_view
@require_http_methods(["GET", "POST"])
def moderators(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = AppointForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("remove", "").isdigit():
            moderator = get_object_or_404(Moderator, pk=int(request.POST["remove"]))
            actions.moderator_remove(actor=request.user, moderator=moderator)
            messages.success(request, _("The appointment has ended."))
            return redirect("community:moderation_moderators")
        if form.is_valid():
            person = (
                get_user_model()
                .objects.filter(email__iexact=form.cleaned_data["email"], is_active=True)
                .first()
            )
            if person is None:
                form.add_error("email", _("No member has this e-mail address."))
            else:
                try:
                    actions.moderator_appoint(actor=request.user, member=person)
                except ApplicationError as error:
                    form.add_error("email", str(error.message))
                else:
                    messages.success(request, _("Appointed."))
                    return redirect("community:moderation_moderators")
    return render(
        request,
        "community/moderation/moderators.html",
        {"form": form, "moderators": selectors.moderators()},
        status=400 if request.method == "POST" else 200,
    )
