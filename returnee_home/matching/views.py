"""Pages of matching: a talent's matches; an employer's best talents for a posting
(anonymised); projects ↔ demands; the staff overview and the taxonomy page."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from returnee_home.core.errors import ApplicationError, apply_to_form
from returnee_home.matching import actions, engine, explain, selectors
from returnee_home.matching.features import jobs_model
from returnee_home.matching.forms import (
    ConceptFilterForm,
    DismissForm,
    ModeForm,
    RejectForm,
    SynonymForm,
)
from returnee_home.matching.models import (
    Concept,
    Direction,
    FeatureRow,
    MatchFeedback,
    StoredMatch,
)
from returnee_home.matching.scoring import BROAD, MODES
from returnee_home.orgs.views.scoping import workspace_view
from returnee_home.talent import selectors as talent_selectors
from returnee_home.talent.actions import profile_get_or_create_for

PAGE_SIZE = 20


def _mode(request: HttpRequest) -> str:
    mode = request.GET.get("mode", BROAD)
    return mode if mode in MODES else BROAD


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _cards(result: engine.Result, records: dict[int, Any], direction: str) -> list[dict]:
    return [
        explain.card(match, records[match.object_id], direction)
        for match in result.matches
        if match.object_id in records
    ]


def _my_profile(request: HttpRequest) -> Any:
    profile = talent_selectors.profile_of(request.user)
    if profile is None:
        profile_get_or_create_for(request.user)
        profile = talent_selectors.profile_of(request.user)
    return profile


# --- A talent's matches -----------------------------------------------------------------------


@workspace_view
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in person's best postings, explained, with a strict/broad switch."""
    profile = _my_profile(request)
    mode = _mode(request)
    available = jobs_model("JobPosting") is not None
    cards: list[dict] = []
    missing: list[str] = []
    if available:
        result = engine.postings_for_talent(profile, mode=mode, limit=PAGE_SIZE)
        records = selectors.postings_by_id([m.object_id for m in result.matches])
        cards = _cards(result, records, Direction.POSTINGS_FOR_TALENT)
        missing = explain.missing_words(result.missing)
    dismissed = list(
        selectors.feedback_of(request.user, Direction.POSTINGS_FOR_TALENT, profile.pk)[:50]
    )
    dismissed_postings = selectors.postings_by_id([f.object_id for f in dismissed])
    return render(
        request,
        "matching/mine.html",
        {
            "profile": profile,
            "cards": cards,
            "missing": missing,
            "mode": mode,
            "mode_form": ModeForm(initial={"mode": mode}),
            "dismiss_form": DismissForm(),
            "dismissed": [(f, dismissed_postings.get(f.object_id)) for f in dismissed],
            "direction": Direction.POSTINGS_FOR_TALENT,
        },
    )


@workspace_view
@require_POST
def dismiss(request: HttpRequest, posting_id: int) -> HttpResponse:
    profile = _my_profile(request)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            actions.match_dismiss(
                user=request.user,
                profile=profile,
                posting_id=posting_id,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
            if error.status == 404:
                raise
    if form.errors:
        if _is_htmx(request):
            return render(
                request,
                "matching/partials/feedback_errors.html",
                {"form": form},
                status=400,
            )
        messages.error(request, _("The match was not dismissed: choose a reason."))
        return redirect("matching:mine")
    if _is_htmx(request):
        return render(request, "matching/partials/dismissed.html", {})
    messages.success(request, _("Dismissed. This posting will not be suggested again."))
    return redirect(reverse("matching:mine") + f"?mode={_mode(request)}")


@workspace_view
@require_POST
def undo(request: HttpRequest, feedback_id: int) -> HttpResponse:
    actions.feedback_undo(user=request.user, feedback_id=feedback_id)
    messages.success(request, _("Taken back: it may be suggested again."))
    return redirect(request.POST.get("next") or reverse("matching:mine"))


# --- An employer's side -----------------------------------------------------------------------


@workspace_view
def employer(request: HttpRequest) -> HttpResponse:
    """The person's employers' postings and demands, each with a link to its best matches."""
    if not selectors.employer_ids(request.user):
        raise PermissionDenied
    postings = selectors.postings_of_employer(request.user)[:100]
    demands = selectors.demands_of_employer(request.user)[:100]
    return render(request, "matching/employer.html", {"postings": postings, "demands": demands})


def _invite_url(posting_id: int, profile_id: int) -> str | None:
    try:
        return reverse(
            "jobs:posting_invite", kwargs={"posting_id": posting_id, "profile_id": profile_id}
        )
    except NoReverseMatch:
        return None


@workspace_view
def posting_talents(request: HttpRequest, posting_id: int) -> HttpResponse:
    """The best talents for one posting, anonymised (no name, no contact), with reject and
    invite. Only the posting's employer (and staff) reach it."""
    posting = selectors.posting_for_employer(request.user, posting_id)
    mode = _mode(request)
    result = engine.talents_for_posting(posting, mode=mode, limit=PAGE_SIZE)
    records = selectors.talents_by_id([m.object_id for m in result.matches])
    cards = _cards(result, records, Direction.TALENTS_FOR_POSTING)
    can_act = selectors.can_manage_posting(request.user, posting)
    accepted = selectors.accepted_contacts(posting.employer_id, list(records))
    verified = posting.employer.is_verified
    for item in cards:
        profile = item["record"]
        item["invite_url"] = _invite_url(posting.pk, profile.pk) if can_act else None
        # Each talent decides who sees which section; staff see what the employer would.
        item["sections"] = talent_selectors.visible_sections(
            profile, employer_verified=verified, accepted=profile.pk in accepted
        )
        if "skills" not in item["sections"]:
            for part in item["parts"]:
                part.matched, part.related, part.missing = [], [], []
    rejected = list(
        MatchFeedback.objects.filter(
            direction=Direction.TALENTS_FOR_POSTING, subject_id=posting.pk
        ).order_by("-created_at")[:50]
    )
    return render(
        request,
        "matching/posting_talents.html",
        {
            "posting": posting,
            "cards": cards,
            "mode": mode,
            "mode_form": ModeForm(initial={"mode": mode}),
            "reject_form": RejectForm(),
            "can_act": can_act,
            "rejected": rejected,
            "missing": explain.missing_words(result.missing),
        },
    )


@workspace_view
@require_POST
def reject(request: HttpRequest, posting_id: int, profile_id: int) -> HttpResponse:
    posting = selectors.posting_for_employer(request.user, posting_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            actions.match_reject(
                user=request.user,
                posting=posting,
                profile_id=profile_id,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            if error.status in (403, 404):
                raise
            apply_to_form(form, error)
    if form.errors:
        if _is_htmx(request):
            return render(
                request, "matching/partials/feedback_errors.html", {"form": form}, status=400
            )
        messages.error(request, _("The profile was not set aside: choose a reason."))
    elif _is_htmx(request):
        return render(request, "matching/partials/dismissed.html", {"rejected": True})
    else:
        messages.success(request, _("Set aside. This profile will not be proposed again."))
    return redirect("matching:posting_talents", posting_id=posting.pk)


# --- Projects and demands ---------------------------------------------------------------------


@workspace_view
def my_projects(request: HttpRequest) -> HttpResponse:
    model = jobs_model("TalentProject")
    projects = list(selectors.projects_of_owner(request.user)[:50]) if model else []
    return render(request, "matching/my_projects.html", {"projects": projects})


@workspace_view
def project_demands(request: HttpRequest, project_id: int) -> HttpResponse:
    """The best project demands for one of the person's own projects."""
    project = selectors.project_for_owner(request.user, project_id)
    mode = _mode(request)
    result = engine.demands_for_project(project, mode=mode, limit=PAGE_SIZE)
    records = selectors.demands_by_id([m.object_id for m in result.matches])
    return render(
        request,
        "matching/project_demands.html",
        {
            "project": project,
            "cards": _cards(result, records, Direction.DEMANDS_FOR_PROJECT),
            "mode": mode,
            "mode_form": ModeForm(initial={"mode": mode}),
            "dismiss_form": DismissForm(),
            "can_act": project.owner.user_id == request.user.pk,
        },
    )


@workspace_view
@require_POST
def project_dismiss(request: HttpRequest, project_id: int, demand_id: int) -> HttpResponse:
    project = selectors.project_for_owner(request.user, project_id)
    form = DismissForm(request.POST)
    if form.is_valid():
        actions.project_match_dismiss(
            user=request.user,
            project=project,
            demand_id=demand_id,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Dismissed. This demand will not be suggested again."))
    else:
        messages.error(request, _("The match was not dismissed: choose a reason."))
    return redirect("matching:project_demands", project_id=project.pk)


@workspace_view
def demand_projects(request: HttpRequest, demand_id: int) -> HttpResponse:
    """The best talent projects for one of the person's organisations' demands."""
    demand = selectors.demand_for_employer(request.user, demand_id)
    mode = _mode(request)
    result = engine.projects_for_demand(demand, mode=mode, limit=PAGE_SIZE)
    records = selectors.projects_by_id([m.object_id for m in result.matches])
    return render(
        request,
        "matching/demand_projects.html",
        {
            "demand": demand,
            "cards": _cards(result, records, Direction.PROJECTS_FOR_DEMAND),
            "mode": mode,
            "mode_form": ModeForm(initial={"mode": mode}),
            "reject_form": RejectForm(),
            "can_act": selectors.can_manage_demand(request.user, demand),
        },
    )


@workspace_view
@require_POST
def demand_reject(request: HttpRequest, demand_id: int, project_id: int) -> HttpResponse:
    demand = selectors.demand_for_employer(request.user, demand_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        actions.demand_match_reject(
            user=request.user,
            demand=demand,
            project_id=project_id,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Set aside. This project will not be proposed again."))
    else:
        messages.error(request, _("The project was not set aside: choose a reason."))
    return redirect("matching:demand_projects", demand_id=demand.pk)


# --- Staff ------------------------------------------------------------------------------------


@workspace_view
def staff(request: HttpRequest) -> HttpResponse:
    """The engine's state for staff: records indexed, stored matches, feedback by reason."""
    if not selectors.is_matching_staff(request.user):
        raise PermissionDenied
    from django.db.models import Count

    indexed = dict(
        FeatureRow.objects.filter(active=True)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    stored = dict(
        StoredMatch.objects.values_list("direction")
        .annotate(n=Count("id"))
        .values_list("direction", "n")
    )
    reasons = list(
        MatchFeedback.objects.values("direction", "reason")
        .annotate(n=Count("id"))
        .order_by("direction", "-n")
    )
    labels = dict(MatchFeedback._meta.get_field("reason").choices)
    directions = dict(Direction.choices)
    for row in reasons:
        row["reason_label"] = labels.get(row["reason"], row["reason"])
        row["direction_label"] = directions.get(row["direction"], row["direction"])
    kinds = dict(FeatureRow._meta.get_field("kind").choices)
    return render(
        request,
        "matching/staff.html",
        {
            "indexed": [(kinds[k], indexed.get(k, 0)) for k in kinds],
            "stored": [(directions[d], stored.get(d, 0)) for d in directions],
            "reasons": reasons,
            "can_edit_taxonomy": selectors.can_edit_taxonomy(request.user),
        },
    )


@workspace_view
def taxonomy(request: HttpRequest) -> HttpResponse:
    """Browse the taxonomy; province administrators add and remove synonyms."""
    if not selectors.is_matching_staff(request.user):
        raise PermissionDenied
    form = ConceptFilterForm(request.GET or None)
    kind = q = ""
    if form.is_valid():
        kind, q = form.cleaned_data["kind"], form.cleaned_data["q"].strip()
    concepts = list(selectors.concepts(kind=kind, q=q)[:60])
    return render(
        request,
        "matching/taxonomy.html",
        {
            "form": form,
            "concepts": concepts,
            "synonym_form": SynonymForm(),
            "can_edit": selectors.can_edit_taxonomy(request.user),
        },
    )


@workspace_view
@require_POST
def synonym_add(request: HttpRequest, concept_id: int) -> HttpResponse:
    if not selectors.can_edit_taxonomy(request.user):
        raise PermissionDenied
    concept = Concept.objects.filter(pk=concept_id).first()
    if concept is None:
        from django.http import Http404

        raise Http404
    form = SynonymForm(request.POST)
    if form.is_valid():
        try:
            actions.synonym_add(user=request.user, concept=concept, text=form.cleaned_data["text"])
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Synonym added."))
    else:
        messages.error(request, _("Enter a synonym of at most 200 characters."))
    return redirect(reverse("matching:taxonomy") + f"?q={concept.code}")


@workspace_view
@require_POST
def synonym_remove(request: HttpRequest, synonym_id: int) -> HttpResponse:
    if not selectors.can_edit_taxonomy(request.user):
        raise PermissionDenied
    actions.synonym_remove(user=request.user, synonym_id=synonym_id)
    messages.success(request, _("Synonym removed."))
    return redirect("matching:taxonomy")
