"""Forms of the talent profile pages. They parse input only; the actions decide and save."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from returnee_home.core.models import City, Country, DegreeLevel, Discipline, IndustryCluster
from returnee_home.core.models import Language as LanguageRef
from returnee_home.talent.models import Gender, LanguageLevel, ReturneeStatus

MONTH_FORMATS = ["%Y-%m", "%Y/%m", "%Y.%m", "%Y-%m-%d"]


class MonthInput(forms.DateInput):
    """A month picker (`<input type="month">`); where a browser lacks one, people type YYYY-MM."""

    input_type = "month"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"placeholder": "YYYY-MM", **(attrs or {})}, format="%Y-%m")


class MonthField(forms.DateField):
    widget = MonthInput
    input_formats = MONTH_FORMATS
    default_error_messages = {"invalid": _("Enter a month as year and month, e.g. 2021-09.")}


def _countries() -> Any:
    return Country.objects.all()


class ProfileForm(forms.Form):
    headline_zh = forms.CharField(
        label=_("Headline (Chinese)"),
        max_length=200,
        required=False,
        help_text=_("One line on what you do, e.g. “人工智能算法工程师”."),
    )
    headline_en = forms.CharField(
        label=_("Headline (English)"),
        max_length=200,
        required=False,
        help_text=_("The same in English, e.g. “AI algorithm engineer”."),
    )
    introduction_zh = forms.CharField(
        label=_("Introduction (Chinese)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    introduction_en = forms.CharField(
        label=_("Introduction (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    returnee_status = forms.ChoiceField(label=_("Returnee status"), choices=ReturneeStatus.choices)
    return_date = forms.DateField(
        label=_("Date of return to China"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if you have not returned yet."),
    )
    nationality = forms.ModelChoiceField(
        label=_("Nationality"), queryset=Country.objects.none(), required=False
    )
    residence_country = forms.ModelChoiceField(
        label=_("Country or region of residence"), queryset=Country.objects.none(), required=False
    )
    current_city = forms.ModelChoiceField(
        label=_("Current city in Jiangsu"),
        queryset=City.objects.none(),
        required=False,
        help_text=_("Leave empty if you do not live in Jiangsu."),
    )
    desired_cities = forms.ModelMultipleChoiceField(
        label=_("Cities you would work in"),
        queryset=City.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    industries = forms.ModelMultipleChoiceField(
        label=_("Industries that interest you"),
        queryset=IndustryCluster.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("Prefer not to say")), *Gender.choices],
        required=False,
    )
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nationality"].queryset = _countries()
        self.fields["residence_country"].queryset = _countries()
        self.fields["current_city"].queryset = City.objects.all()
        self.fields["desired_cities"].queryset = City.objects.filter(kind=City.Kind.PREFECTURE)
        self.fields["industries"].queryset = IndustryCluster.objects.all()


class ShowcaseForm(forms.Form):
    showcase_consent = forms.BooleanField(
        label=_("Show my profile in the public talent showcase"), required=False
    )


class EducationForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Country or region"), queryset=Country.objects.none())
    institution_zh = forms.CharField(
        label=_("Institution (Chinese)"),
        max_length=200,
        required=False,
        help_text=_("Give the name in Chinese, in English, or both."),
    )
    institution_en = forms.CharField(
        label=_("Institution (English)"), max_length=200, required=False
    )
    degree_level = forms.ModelChoiceField(
        label=_("Degree level"), queryset=DegreeLevel.objects.none()
    )
    discipline = forms.ModelChoiceField(
        label=_("Discipline"),
        queryset=Discipline.objects.none(),
        required=False,
        help_text=_("The first-level discipline closest to what you studied."),
    )
    field_of_study = forms.CharField(
        label=_("Field of study"),
        max_length=200,
        required=False,
        help_text=_("In your own words, e.g. “machine learning”."),
    )
    start_date = MonthField(label=_("Start (year and month)"))
    end_date = MonthField(
        label=_("End (year and month)"),
        required=False,
        help_text=_("Leave empty if still studying."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = _countries()
        self.fields["degree_level"].queryset = DegreeLevel.objects.all()
        self.fields["discipline"].queryset = Discipline.objects.filter(parent__isnull=False)


class WorkExperienceForm(forms.Form):
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    title = forms.CharField(label=_("Job title"), max_length=200)
    country = forms.ModelChoiceField(label=_("Country or region"), queryset=Country.objects.none())
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    start_date = MonthField(label=_("Start (year and month)"))
    end_date = MonthField(
        label=_("End (year and month)"),
        required=False,
        help_text=_("Leave empty if you still work there."),
    )
    description = forms.CharField(
        label=_("What you did"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = _countries()


class LanguageSkillForm(forms.Form):
    language = forms.ModelChoiceField(label=_("Language"), queryset=LanguageRef.objects.none())
    level = forms.ChoiceField(label=_("Level"), choices=LanguageLevel.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = LanguageRef.objects.all()
