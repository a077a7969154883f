"""The person's own talent profile: view, edit, education, work, languages, showcase consent.

Education and work entries are edited inline with HTMX (the section is swapped in place) and
work without JavaScript as ordinary pages that redirect back to the profile."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form
from returnee_home.talent import actions, selectors
from returnee_home.talent.forms import (
    EducationForm,
    LanguageSkillForm,
    ProfileForm,
    ShowcaseForm,
    WorkExperienceForm,
)
from returnee_home.talent.models import Education, JobType, TalentProfile, WorkExperience


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _profile(request: HttpRequest) -> TalentProfile:
    """The signed-in person's profile, fully loaded (created empty on first visit)."""
    profile = selectors.profile_of(request.user)
    if profile is None:
        actions.profile_get_or_create_for(request.user)
        profile = selectors.profile_of(request.user)
    assert profile is not None
    return profile


def _profile_url(anchor: str = "") -> str:
    return reverse("talent:profile") + (f"#{anchor}" if anchor else "")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    talent = _profile(request)
    return render(
        request,
        "talent/profile.html",
        {
            "profile": talent,
            "language_form": LanguageSkillForm(prefix="language"),
            "job_type_choices": JobType.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    talent = _profile(request)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                actions.profile_update(user=request.user, **form.cleaned_data)
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect(_profile_url())
    else:
        form = ProfileForm(
            initial={
                "headline_zh": talent.headline_zh,
                "headline_en": talent.headline_en,
                "introduction_zh": talent.introduction_zh,
                "introduction_en": talent.introduction_en,
                "returnee_status": talent.returnee_status,
                "return_date": talent.return_date,
                "nationality": talent.nationality_id,
                "residence_country": talent.residence_country_id,
                "current_city": talent.current_city_id,
                "desired_cities": [city.pk for city in talent.desired_cities.all()],
                "industries": [industry.pk for industry in talent.industries.all()],
                "gender": talent.gender,
                "birth_year": talent.birth_year,
            }
        )
    return render(request, "talent/profile_edit.html", {"form": form, "profile": talent})


@login_required
@require_POST
def showcase(request: HttpRequest) -> HttpResponse:
    form = ShowcaseForm(request.POST)
    form.is_valid()  # a missing checkbox means "off"; the form has nothing else to refuse
    consent = bool(form.cleaned_data.get("showcase_consent"))
    actions.profile_set_showcase_consent(user=request.user, consent=consent)
    if consent:
        messages.success(request, _("Your profile is now in the public talent showcase."))
    else:
        messages.success(request, _("Your profile is no longer in the public talent showcase."))
    return redirect(_profile_url("showcase"))


# Education and work experience: one set of views, configured per kind of entry.


@dataclass(frozen=True)
class EntryKind:
    name: str  # "education" or "work": URL names, anchors, template names
    form_class: type[forms.Form]
    get: Callable[[Any, int], Any]
    add: Callable[..., Any]
    update: Callable[..., Any]
    remove: Callable[..., Any]
    id_arg: str
    initial: Callable[[Any], dict[str, Any]]
    add_title: Any
    edit_title: Any
    saved_message: Any
    removed_message: Any


def _education_initial(entry: Education) -> dict[str, Any]:
    return {
        "country": entry.country_id,
        "institution_zh": entry.institution_zh,
        "institution_en": entry.institution_en,
        "degree_level": entry.degree_level_id,
        "discipline": entry.discipline_id,
        "field_of_study": entry.field_of_study,
        "start_date": entry.start_date,
        "end_date": entry.end_date,
    }


def _work_initial(entry: WorkExperience) -> dict[str, Any]:
    return {
        "organisation_name": entry.organisation_name,
        "title": entry.title,
        "country": entry.country_id,
        "city": entry.city,
        "start_date": entry.start_date,
        "end_date": entry.end_date,
        "description": entry.description,
    }


EDUCATION = EntryKind(
    name="education",
    form_class=EducationForm,
    get=selectors.education_of,
    add=actions.education_add,
    update=actions.education_update,
    remove=actions.education_remove,
    id_arg="education_id",
    initial=_education_initial,
    add_title=gettext_lazy("Add education"),
    edit_title=gettext_lazy("Edit education"),
    saved_message=gettext_lazy("The education entry has been saved."),
    removed_message=gettext_lazy("The education entry has been removed."),
)

WORK = EntryKind(
    name="work",
    form_class=WorkExperienceForm,
    get=selectors.work_experience_of,
    add=actions.work_add,
    update=actions.work_update,
    remove=actions.work_remove,
    id_arg="work_id",
    initial=_work_initial,
    add_title=gettext_lazy("Add work experience"),
    edit_title=gettext_lazy("Edit work experience"),
    saved_message=gettext_lazy("The work experience has been saved."),
    removed_message=gettext_lazy("The work experience has been removed."),
)


def _section_response(
    request: HttpRequest,
    kind: EntryKind,
    *,
    form: forms.Form | None = None,
    editing: Any = None,
    status_text: str = "",
) -> HttpResponse:
    """The entry section swapped in by HTMX, plus the completeness meter out of band."""
    talent = _profile(request)
    context = {
        "profile": talent,
        "form": form,
        "editing": editing,
        "status_text": status_text,
        "oob": True,
    }
    html = render_to_string(f"talent/partials/{kind.name}_section.html", context, request)
    html += render_to_string("talent/partials/completeness.html", context, request)
    return HttpResponse(html)


def _entry_or_404(kind: EntryKind, request: HttpRequest, entry_id: int) -> Any:
    try:
        return kind.get(request.user, entry_id)
    except NotFoundError as error:
        raise Http404 from error


def _entry_form(request: HttpRequest, kind: EntryKind, entry_id: int | None) -> HttpResponse:
    entry = _entry_or_404(kind, request, entry_id) if entry_id is not None else None
    if request.method == "POST":
        form = kind.form_class(request.POST, prefix=kind.name)
        if form.is_valid():
            try:
                if entry is None:
                    kind.add(user=request.user, **form.cleaned_data)
                else:
                    kind.update(user=request.user, **{kind.id_arg: entry.pk}, **form.cleaned_data)
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                if _is_htmx(request):
                    return _section_response(request, kind, status_text=str(kind.saved_message))
                messages.success(request, kind.saved_message)
                return redirect(_profile_url(kind.name))
    else:
        initial = kind.initial(entry) if entry is not None else None
        form = kind.form_class(initial=initial, prefix=kind.name)
    if _is_htmx(request):
        # Put the cursor where the person has to act: the first wrong field, else the first.
        focus = next((name for name in form.fields if name in form.errors), None)
        form.fields[focus or next(iter(form.fields))].widget.attrs["autofocus"] = True
        return _section_response(
            request, kind, form=form, editing=entry.pk if entry is not None else "new"
        )
    title = kind.add_title if entry is None else kind.edit_title
    return render(
        request,
        "talent/entry_form.html",
        {"form": form, "title": title, "kind": kind.name, "entry": entry},
    )


def _entry_remove(request: HttpRequest, kind: EntryKind, entry_id: int) -> HttpResponse:
    try:
        kind.remove(user=request.user, **{kind.id_arg: entry_id})
    except NotFoundError as error:
        raise Http404 from error
    if _is_htmx(request):
        return _section_response(request, kind, status_text=str(kind.removed_message))
    messages.success(request, kind.removed_message)
    return redirect(_profile_url(kind.name))


def _section(request: HttpRequest, kind: EntryKind) -> HttpResponse:
    if _is_htmx(request):
        return _section_response(request, kind)
    return redirect(_profile_url(kind.name))


@login_required
def education_section(request: HttpRequest) -> HttpResponse:
    return _section(request, EDUCATION)


@login_required
@require_http_methods(["GET", "POST"])
def education_add(request: HttpRequest) -> HttpResponse:
    return _entry_form(request, EDUCATION, None)


@login_required
@require_http_methods(["GET", "POST"])
def education_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    return _entry_form(request, EDUCATION, entry_id)


@login_required
@require_POST
def education_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    return _entry_remove(request, EDUCATION, entry_id)


@login_required
def work_section(request: HttpRequest) -> HttpResponse:
    return _section(request, WORK)


@login_required
@require_http_methods(["GET", "POST"])
def work_add(request: HttpRequest) -> HttpResponse:
    return _entry_form(request, WORK, None)


@login_required
@require_http_methods(["GET", "POST"])
def work_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    return _entry_form(request, WORK, entry_id)


@login_required
@require_POST
def work_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    return _entry_remove(request, WORK, entry_id)


# Languages: a small form that stays open on the profile page.


def _languages_response(
    request: HttpRequest, form: LanguageSkillForm, status_text: str = ""
) -> HttpResponse:
    talent = _profile(request)
    context = {"profile": talent, "language_form": form, "status_text": status_text, "oob": True}
    html = render_to_string("talent/partials/languages_section.html", context, request)
    html += render_to_string("talent/partials/completeness.html", context, request)
    return HttpResponse(html)


@login_required
@require_POST
def language_add(request: HttpRequest) -> HttpResponse:
    form = LanguageSkillForm(request.POST, prefix="language")
    if form.is_valid():
        try:
            actions.language_skill_set(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            saved = _("The language has been saved.")
            if _is_htmx(request):
                return _languages_response(request, LanguageSkillForm(prefix="language"), saved)
            messages.success(request, saved)
            return redirect(_profile_url("languages"))
    if _is_htmx(request):
        return _languages_response(request, form)
    talent = _profile(request)
    return render(
        request,
        "talent/profile.html",
        {
            "profile": talent,
            "language_form": form,
        },
    )


@login_required
@require_POST
def language_remove(request: HttpRequest, skill_id: int) -> HttpResponse:
    try:
        actions.language_skill_remove(user=request.user, skill_id=skill_id)
    except NotFoundError as error:
        raise Http404 from error
    removed = _("The language has been removed.")
    if _is_htmx(request):
        return _languages_response(request, LanguageSkillForm(prefix="language"), removed)
    messages.success(request, removed)
    return redirect(_profile_url("languages"))
