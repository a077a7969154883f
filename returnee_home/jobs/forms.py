"""Forms of the jobs app. They parse and check input; the actions decide and refuse."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.models import City, DegreeLevel, Discipline, IndustryCluster, Language
from returnee_home.jobs.actions import clean_terms
from returnee_home.jobs.models import (
    ApplicationStage,
    CloseReason,
    CooperationMode,
    ImportKind,
    InterestStage,
    InvestorKind,
    JobPosting,
    JobType,
    ProjectDemand,
    ProjectStage,
    TalentProject,
)

TERMS_HELP = _("Separate with commas, e.g. 机器学习, Python, project management.")


class TermsField(forms.CharField):
    """A comma-separated list of words, as typed (any language)."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        return clean_terms(super().to_python(value) or "")


def _date(**kwargs: Any) -> forms.DateField:
    return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class PostingForm(forms.ModelForm):
    skills = TermsField(label=_("skills"), required=False, help_text=TERMS_HELP)
    valid_through = _date(label=_("open until"))
    disciplines = forms.ModelMultipleChoiceField(
        Discipline.objects.filter(parent__isnull=False),
        label=_("disciplines"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    languages = forms.ModelMultipleChoiceField(
        Language.objects.all(), label=_("languages"), required=False
    )

    class Meta:
        model = JobPosting
        fields = [
            "title_zh",
            "title_en",
            "job_type",
            "city",
            "district",
            "industry",
            "headcount",
            "salary_min",
            "salary_max",
            "valid_through",
            "description",
            "responsibilities",
            "requirements_text",
            "degree_level",
            "degree_required",
            "disciplines",
            "min_years_experience",
            "skills",
            "languages",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "responsibilities": forms.Textarea(attrs={"rows": 4}),
            "requirements_text": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"salary_min": _("Leave both empty if the salary is negotiable.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["salary_min"].widget.attrs["min"] = 0
        self.fields["salary_max"].widget.attrs["min"] = 0

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "salary_min", _("The lowest salary cannot be higher than the highest salary.")
            )
        return data

    def _post_clean(self) -> None:
        # The action saves and checks; the model's own validation would run the database check
        # constraint with a message in English only.
        pass


class ModesField(forms.MultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            choices=CooperationMode.choices,
            widget=forms.CheckboxSelectMultiple,
            label=_("cooperation modes"),
            required=False,
            **kwargs,
        )


class DemandForm(forms.ModelForm):
    keywords = TermsField(label=_("keywords"), required=False, help_text=TERMS_HELP)
    cooperation_modes = ModesField()
    deadline = _date(label=_("deadline"), required=False)
    disciplines = forms.ModelMultipleChoiceField(
        Discipline.objects.filter(parent__isnull=False),
        label=_("disciplines"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = ProjectDemand
        fields = [
            "title_zh",
            "title_en",
            "field",
            "city",
            "problem_statement",
            "expected_results",
            "keywords",
            "disciplines",
            "budget_min",
            "budget_max",
            "cooperation_modes",
            "deadline",
        ]
        widgets = {
            "problem_statement": forms.Textarea(attrs={"rows": 5}),
            "expected_results": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "budget_min", _("The lowest budget cannot be higher than the highest budget.")
            )
        return data

    def _post_clean(self) -> None:
        pass


class ProjectForm(forms.ModelForm):
    keywords = TermsField(label=_("keywords"), required=False, help_text=TERMS_HELP)
    cooperation_modes = ModesField()
    disciplines = forms.ModelMultipleChoiceField(
        Discipline.objects.filter(parent__isnull=False),
        label=_("disciplines"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    preferred_cities = forms.ModelMultipleChoiceField(
        City.objects.filter(parent__isnull=True),
        label=_("preferred landing cities"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TalentProject
        fields = [
            "title_zh",
            "title_en",
            "field",
            "stage",
            "summary",
            "results",
            "keywords",
            "disciplines",
            "ip_held",
            "team_size",
            "funding_sought",
            "preferred_cities",
            "preferred_park",
            "cooperation_modes",
            "showcase_public",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "ip_held": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self) -> None:
        pass


class ApplyForm(forms.Form):
    cover_note = forms.CharField(
        label=_("cover note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this position, and what you bring. The employer reads this first."),
    )


class InviteForm(forms.Form):
    message = forms.CharField(
        label=_("message to the talent"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveForm(forms.Form):
    """One funnel step: the stage comes from the button pressed."""

    to_stage = forms.ChoiceField(choices=ApplicationStage.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=pgettext_lazy("funnel", "note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    close_reason = forms.ChoiceField(
        label=_("reason for closing"),
        choices=[("", "—"), *CloseReason.choices],
        required=False,
    )
    interview_at = forms.DateTimeField(
        label=_("interview time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class IntroduceForm(forms.Form):
    posting_id = forms.IntegerField(label=_("posting number"), min_value=1)
    profile_id = forms.IntegerField(label=_("talent profile number"), min_value=1)
    note = forms.CharField(
        label=_("note to both sides"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InterestForm(forms.Form):
    organisation = forms.ChoiceField(label=_("on behalf of"))
    interested_as = forms.ChoiceField(label=_("interested as"), choices=InvestorKind.choices)
    message = forms.CharField(
        label=_("message to the project owner"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"].choices = [(str(o.pk), o.name) for o in organisations]

    def clean_organisation(self) -> Any:
        return self.organisations[self.cleaned_data["organisation"]]


class InterestMoveForm(forms.Form):
    to_stage = forms.ChoiceField(choices=InterestStage.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=pgettext_lazy("funnel", "note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    landed_city = forms.ModelChoiceField(
        City.objects.all(), label=_("landed in city"), required=False
    )
    landed_park = forms.CharField(label=_("landed in park"), max_length=200, required=False)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("what the spreadsheet lists"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("spreadsheet (.xlsx or .csv)"),
        help_text=_("Use the template: one row per record, the first row holds the column names."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("image or PDF"))
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=_("name of this search"), max_length=100)
    alert = forms.BooleanField(label=_("e-mail me new results daily"), required=False, initial=True)


class SearchForm(forms.Form):
    """The filters of the public search pages (GET)."""

    q = forms.CharField(label=_("keywords"), required=False, max_length=100)
    city = forms.ChoiceField(label=_("city"), required=False)
    industry = forms.ChoiceField(label=_("industry"), required=False)
    discipline = forms.ChoiceField(label=_("discipline"), required=False)
    degree = forms.ChoiceField(label=_("degree level"), required=False)
    language = forms.ChoiceField(label=_("language"), required=False)
    job_type = forms.ChoiceField(
        label=_("job type"), required=False, choices=[("", _("Any")), *JobType.choices]
    )
    salary_from = forms.IntegerField(
        label=_("salary at least (yuan per month)"), required=False, min_value=0
    )
    posted_within = forms.ChoiceField(
        label=_("published"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("1", _("In the last day")),
            ("7", _("In the last week")),
            ("30", _("In the last month")),
        ],
    )
    stage = forms.ChoiceField(
        label=_("stage"), required=False, choices=[("", _("Any")), *ProjectStage.choices]
    )
    mode = forms.ChoiceField(
        label=_("cooperation mode"),
        required=False,
        choices=[("", _("Any")), *CooperationMode.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["city"].choices = any_choice + [
            (c.code, c.name) for c in City.objects.filter(parent__isnull=True)
        ]
        self.fields["industry"].choices = any_choice + [
            (i.code, i.name) for i in IndustryCluster.objects.all()
        ]
        self.fields["discipline"].choices = any_choice + [
            (d.code, d.name) for d in Discipline.objects.filter(parent__isnull=True)
        ]
        self.fields["degree"].choices = any_choice + [
            (d.code, d.name) for d in DegreeLevel.objects.all()
        ]
        self.fields["language"].choices = any_choice + [
            (lang.code, lang.name) for lang in Language.objects.all()
        ]
