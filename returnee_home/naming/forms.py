"""Forms of the naming pages: they parse input; the actions decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from returnee_home.naming.models import (
    CONDITIONS,
    DEFAULT_SCHEME,
    EQUIPMENT,
    AnnualAssessment,
    Application,
    ApplicationStaff,
    SiteVisit,
)
from returnee_home.orgs.models import OrgKind


class BatchForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    number = forms.IntegerField(label=_("Batch number"), min_value=1, max_value=99)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    application_deadline = forms.DateField(
        label=_("Application deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )
    notice_working_days = forms.IntegerField(
        label=_("Public notice (working days)"), min_value=1, max_value=30, initial=5
    )
    carrier_kinds = forms.MultipleChoiceField(
        label=_("Carrier kinds admitted"),
        choices=[
            (OrgKind.SERVICE_WINDOW.value, OrgKind.SERVICE_WINDOW.label),
            (OrgKind.STARTUP_PARK.value, OrgKind.STARTUP_PARK.label),
        ],
        widget=forms.CheckboxSelectMultiple,
        initial=[OrgKind.SERVICE_WINDOW.value, OrgKind.STARTUP_PARK.value],
    )
    notice_text_zh = forms.CharField(
        label=_("Notice text (Chinese)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    notice_text_en = forms.CharField(
        label=_("Notice text (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in CONDITIONS:
            self.fields[f"max_{key}"] = forms.IntegerField(
                label=_("Maximum points: %(condition)s") % {"condition": label},
                min_value=1,
                max_value=100,
                initial=DEFAULT_SCHEME[key],
            )

    def scheme(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"max_{key}"] for key, _label in CONDITIONS}


class ApplicationForm(forms.ModelForm):
    """Attachment 1: the basic information form (staff and windows are formsets beside it)."""

    class Meta:
        model = Application
        fields = [
            "carrier_name",
            "address",
            "city",
            "opening_hours",
            "contact_name",
            "contact_phone",
            "floor_area",
            "display_area",
            "exchange_area",
            "public_service_area",
            "person_times_declared",
            "rules_items",
            "rules_procedures",
            "rules_management",
            "rules_published_where",
            "demands_collected",
            "matches_made",
            "unmet_explanation",
        ]
        widgets = {
            "rules_items": forms.Textarea(attrs={"rows": 3}),
            "rules_procedures": forms.Textarea(attrs={"rows": 3}),
            "rules_management": forms.Textarea(attrs={"rows": 3}),
            "unmet_explanation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        equipment = (self.instance.equipment or {}) if self.instance else {}
        for key, label in EQUIPMENT:
            self.fields[f"eq_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=999, initial=equipment.get(key, 0)
            )
        self.fields["city"].queryset = self.fields["city"].queryset.order_by("sort_order")

    def main_fields(self) -> list[Any]:
        return [self[name] for name in self.Meta.fields]

    def equipment_fields(self) -> list[Any]:
        return [self[f"eq_{key}"] for key, _label in EQUIPMENT]

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def equipment(self) -> dict[str, int]:
        return {key: self.cleaned_data.get(f"eq_{key}") or 0 for key, _label in EQUIPMENT}


class StaffRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=60, required=False)
    post = forms.CharField(label=_("Post"), max_length=100, required=False)
    is_full_time = forms.BooleanField(label=_("Full time"), required=False)
    education = forms.ChoiceField(label=_("Education"), choices=ApplicationStaff.Education.choices)
    english = forms.ChoiceField(
        label=_("English ability"), choices=ApplicationStaff.English.choices
    )
    window_number = forms.IntegerField(
        label=_("Window served"), min_value=1, max_value=99, required=False
    )
    delete = forms.BooleanField(label=_("Remove"), required=False)


class WindowRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.IntegerField(label=_("Window number"), min_value=1, max_value=99, required=False)
    name = forms.CharField(label=_("Window name"), max_length=100, required=False)
    staff_count = forms.IntegerField(
        label=_("Staff assigned"), min_value=0, max_value=20, required=False
    )
    delete = forms.BooleanField(label=_("Remove"), required=False)


StaffFormSet = forms.formset_factory(StaffRowForm, extra=1)
WindowFormSet = forms.formset_factory(WindowRowForm, extra=1)


def staff_initial(application: Application) -> list[dict[str, Any]]:
    return [
        {
            "id": s.pk,
            "name": s.name,
            "post": s.post,
            "is_full_time": s.is_full_time,
            "education": s.education,
            "english": s.english,
            "window_number": s.window_number,
        }
        for s in application.staff.all()
    ]


def window_initial(application: Application) -> list[dict[str, Any]]:
    return [
        {"id": w.pk, "number": w.number, "name": w.name, "staff_count": w.staff_count}
        for w in application.windows.all()
    ]


class EvidenceForm(forms.Form):
    condition = forms.ChoiceField(
        label=_("For condition"),
        choices=[("", _("General"))] + [(k, label) for k, label in CONDITIONS],
        required=False,
    )
    title = forms.CharField(label=_("Description of the evidence"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class SiteVisitForm(forms.Form):
    visited_on = forms.DateField(
        label=_("Date of visit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    visitors = forms.CharField(label=_("Visitors"), max_length=300)
    findings = forms.CharField(
        label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    photo = forms.FileField(label=_("Photo (JPEG or PNG)"), required=False)

    def __init__(self, *args: Any, stage: str = SiteVisit.Stage.CITY, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if stage == SiteVisit.Stage.PROVINCE:
            for key, label in CONDITIONS:
                self.fields[f"finding_{key}"] = forms.CharField(
                    label=_("Finding: %(condition)s") % {"condition": label},
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                )

    def condition_findings(self) -> dict[str, str]:
        return {
            key: self.cleaned_data.get(f"finding_{key}", "")
            for key, _label in CONDITIONS
            if f"finding_{key}" in self.fields
        }


class ExpertsForm(forms.Form):
    experts = forms.MultipleChoiceField(
        label=_("Experts"), widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args: Any, experts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(u.pk): u for u in experts}
        self.fields["experts"].choices = [(str(u.pk), str(u)) for u in experts]

    def chosen(self) -> list[Any]:
        return [self.people[pk] for pk in self.cleaned_data["experts"]]


class ScoreForm(forms.Form):
    def __init__(self, *args: Any, scheme: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in CONDITIONS:
            maximum = int(scheme.get(key, 0))
            self.fields[f"score_{key}"] = forms.IntegerField(
                label=_("%(condition)s (0–%(max)d)") % {"condition": label, "max": maximum},
                min_value=0,
                max_value=maximum,
            )
            self.fields[f"comment_{key}"] = forms.CharField(
                label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"score_{k}"], self[f"comment_{k}"]) for k, _label in CONDITIONS]

    def scores(self) -> dict[str, int]:
        return {k: self.cleaned_data[f"score_{k}"] for k, _label in CONDITIONS}

    def comments(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(f"comment_{k}", "") for k, _label in CONDITIONS}


class ObjectionForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=60)
    contact = forms.CharField(
        label=_("Telephone or e-mail"),
        max_length=120,
        help_text=_("Kept private: only the provincial department sees it, to reach you."),
    )
    text = forms.CharField(label=_("Your objection"), widget=forms.Textarea(attrs={"rows": 5}))


class ObjectionAnswerForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Outcome of the investigation"),
        choices=[("0", _("Not upheld")), ("1", _("Upheld: remove the application"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class SummaryForm(forms.Form):
    contact_name = forms.CharField(label=_("Contact person"), max_length=60, required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=40, required=False)


class AssessmentForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AnnualAssessment.Outcome.choices)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a suspension or revocation."),
    )
