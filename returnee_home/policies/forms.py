"""Forms of the policy library and the entitlement checker. They check shapes and keep what
was typed; the rules live in actions and entitlements."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.models import City, Country, DegreeLevel, Discipline
from returnee_home.policies.models import (
    Benefit,
    ConditionKind,
    Department,
    Interpretation,
    Level,
    Policy,
    Theme,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PolicySearchForm(forms.Form):
    q = forms.CharField(
        label=pgettext_lazy("policy search", "Search policies"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. 人才公寓, housing")}
        ),
    )
    level = forms.ChoiceField(
        label=_("policy level"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All levels"))] + list(Level.choices),
    )
    department = forms.ModelChoiceField(
        label=_("issuing department"),
        required=False,
        queryset=Department.objects.none(),
        empty_label=pgettext_lazy("filter", "All departments"),
    )
    theme = forms.ModelChoiceField(
        label=_("policy theme"),
        required=False,
        queryset=Theme.objects.all(),
        empty_label=pgettext_lazy("filter", "All themes"),
    )
    city = forms.ModelChoiceField(
        label=pgettext_lazy("policy filter", "Applies in"),
        required=False,
        queryset=City.objects.filter(parent__isnull=True),
        empty_label=pgettext_lazy("filter", "Whole province"),
    )
    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", pgettext_lazy("filter", "Any status"))] + list(Policy.Status.choices),
    )
    published_from = forms.DateField(label=_("published from"), required=False, widget=DATE_INPUT)
    published_to = forms.DateField(label=_("published until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, departments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and end < start:
            self.add_error("published_to", _("The end of the date range is before its start."))
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.md,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Policy files"),
        help_text=_(
            "One or more .txt files in the province's format, or a .zip of them. An English "
            "rendering named like its document (notice.en.md beside notice.txt) is attached "
            "to it."
        ),
    )
    publish = forms.BooleanField(
        label=_("Publish imported policies at once"), required=False, initial=True
    )


class PolicyForm(forms.ModelForm):
    class Meta:
        model = Policy
        fields = [
            "title_zh",
            "title_en",
            "document_number",
            "level",
            "department",
            "themes",
            "published_on",
            "effective_from",
            "expires_on",
            "status",
            "superseded_by",
            "cities",
            "source_url",
            "body_zh",
            "body_en",
            "is_published",
        ]
        widgets = {
            "published_on": DATE_INPUT,
            "effective_from": DATE_INPUT,
            "expires_on": DATE_INPUT,
            "themes": forms.CheckboxSelectMultiple,
            "cities": forms.SelectMultiple(attrs={"size": 6}),
            "body_zh": forms.Textarea(attrs={"rows": 14}),
            "body_en": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Policy.objects.order_by("-published_on")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["superseded_by"].queryset = others
        self.fields["cities"].queryset = City.objects.filter(parent__isnull=True)

    def validate_unique(self) -> None:
        """Uniqueness is the action's to report (one message, in the user's language)."""


class InterpretationForm(forms.ModelForm):
    class Meta:
        model = Interpretation
        fields = ["title_zh", "title_en", "body_zh", "body_en", "is_published"]
        widgets = {
            "body_zh": forms.Textarea(attrs={"rows": 8}),
            "body_en": forms.Textarea(attrs={"rows": 8}),
        }


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Attachment title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class EnglishRenderingForm(forms.Form):
    file = forms.FileField(
        label=_("English rendering"),
        help_text=_("A .md or .txt file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".md,.txt"}),
    )


class BenefitForm(forms.ModelForm):
    class Meta:
        model = Benefit
        fields = [
            "title_zh",
            "title_en",
            "what_you_get_zh",
            "what_you_get_en",
            "amount_yuan",
            "amount_period",
            "how_to_apply_zh",
            "how_to_apply_en",
            "service_item",
            "apply_from",
            "apply_until",
        ]
        widgets = {
            "what_you_get_zh": forms.Textarea(attrs={"rows": 3}),
            "what_you_get_en": forms.Textarea(attrs={"rows": 3}),
            "how_to_apply_zh": forms.Textarea(attrs={"rows": 3}),
            "how_to_apply_en": forms.Textarea(attrs={"rows": 3}),
            "apply_from": DATE_INPUT,
            "apply_until": DATE_INPUT,
        }


class ConditionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("condition"), choices=[("", "—")] + list(ConditionKind.choices), required=False
    )
    number = forms.IntegerField(
        label=_("number"), required=False, min_value=1, max_value=100, help_text=_("years")
    )
    degree_level = forms.ModelChoiceField(
        label=_("degree level"), queryset=DegreeLevel.objects.all(), required=False
    )
    codes = forms.CharField(
        label=_("values"),
        required=False,
        max_length=1000,
        help_text=_(
            "Codes separated by commas: country codes (GB, US), discipline codes (0812), "
            "city codes (320100), statuses (returned, abroad, foreign) or title keywords."
        ),
    )
    overseas_only = forms.BooleanField(
        label=_("degrees obtained abroad only"), required=False, initial=True
    )

    def clean_codes(self) -> list[str]:
        return [
            c.strip()
            for c in self.cleaned_data.get("codes", "").replace("，", ",").split(",")
            if c.strip()
        ]


ConditionFormSet = forms.formset_factory(ConditionForm, extra=2, max_num=12)


DEGREE_CHOICES = [("", pgettext_lazy("questionnaire", "No degree / prefer not to say"))]


class QuestionnaireForm(forms.Form):
    """What a visitor tells the checker instead of signing in. Every answer is optional; an
    unanswered question makes the conditions that need it "unknown"."""

    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1930)
    degree = forms.ModelChoiceField(
        label=_("Highest degree"),
        queryset=DegreeLevel.objects.all(),
        required=False,
        empty_label=pgettext_lazy("questionnaire", "Not answered"),
    )
    degree_country = forms.ModelChoiceField(
        label=_("Where you obtained it"),
        queryset=Country.objects.all(),
        required=False,
        empty_label=pgettext_lazy("questionnaire", "Not answered"),
    )
    discipline = forms.ModelChoiceField(
        label=_("Discipline"),
        queryset=Discipline.objects.filter(parent__isnull=False),
        required=False,
        empty_label=pgettext_lazy("questionnaire", "Not answered"),
    )
    returned = forms.ChoiceField(
        label=_("Have you returned to China?"),
        required=False,
        choices=[
            ("", pgettext_lazy("questionnaire", "Not answered")),
            ("returned", _("Yes, I have returned")),
            ("abroad", _("No, I am still abroad")),
            ("foreign", _("I am a foreign national")),
        ],
    )
    return_date = forms.DateField(label=_("Date of return"), required=False, widget=DATE_INPUT)
    work_city = forms.ModelChoiceField(
        label=_("City where you work"),
        queryset=City.objects.filter(parent__isnull=True),
        required=False,
        empty_label=pgettext_lazy("questionnaire", "Not working in Jiangsu / not answered"),
    )
    founder = forms.ChoiceField(
        label=_("Did you found a start-up?"),
        required=False,
        choices=[
            ("", pgettext_lazy("questionnaire", "Not answered")),
            ("yes", pgettext_lazy("questionnaire", "Yes")),
            ("no", pgettext_lazy("questionnaire", "No")),
        ],
    )
    honours = forms.CharField(
        label=_("Talent-programme titles you hold"),
        required=False,
        max_length=500,
        help_text=_("Separate several with commas."),
    )

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("The year of birth is in the future."))
        return year

    def clean_return_date(self) -> dt.date | None:
        value = self.cleaned_data.get("return_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of return is in the future."))
        return value
