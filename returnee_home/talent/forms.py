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


# --- Matching (issue 5) -------------------------------------------------------------------


def split_labels(text: str) -> list[str]:
    """Entries typed one per line or separated by commas (Chinese or Western)."""
    import re

    return [part.strip() for part in re.split(r"[\n,，、;；]+", text or "") if part.strip()]


class WishesForm(forms.Form):
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line or separated by commas, in Chinese or English, e.g. “机器学习, PCB "
            "design, GMP”. Abbreviations are understood."
        ),
    )
    honours = forms.CharField(
        label=_("Honours and talent-programme titles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    desired_salary_min = forms.IntegerField(
        label=_("Lowest acceptable monthly salary (yuan)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty if you are open to any offer."),
    )
    desired_job_types = forms.MultipleChoiceField(
        label=_("Kinds of position wanted"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_from = forms.DateField(
        label=_("Available from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The first day you could start; leave empty if at once."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from returnee_home.talent.models import JobType

        super().__init__(*args, **kwargs)
        self.fields["desired_job_types"].choices = JobType.choices

    def clean_skills(self) -> list[str]:
        return split_labels(self.cleaned_data.get("skills", ""))

    def clean_honours(self) -> list[str]:
        return [
            line.strip()
            for line in (self.cleaned_data.get("honours") or "").splitlines()
            if line.strip()
        ]


class VisibilityForm(forms.Form):
    summary = forms.ChoiceField(label=_("Headline, introduction and wishes"))
    education = forms.ChoiceField(label=_("Education"))
    work = forms.ChoiceField(label=_("Work experience"))
    skills = forms.ChoiceField(label=_("Skills, languages and honours"))
    cv = forms.ChoiceField(label=_("CV"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from returnee_home.talent.models import Visibility

        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.choices = Visibility.choices  # type: ignore[attr-defined]


class CvForm(forms.Form):
    cv = forms.FileField(label=_("CV"), help_text=_("A PDF, JPEG or PNG file of at most 10 MB."))


class VerifyForm(forms.Form):
    verified = forms.BooleanField(label=_("Verified"), required=False)
    note = forms.CharField(
        label=_("Document seen"),
        max_length=300,
        required=False,
        help_text=_("E.g. “overseas degree certificate no. …”."),
    )


class TalentSearchForm(forms.Form):
    skill = forms.CharField(label=_("Skill"), max_length=80, required=False)
    discipline = forms.ModelChoiceField(
        label=_("Discipline"), queryset=Discipline.objects.none(), required=False
    )
    degree_level = forms.ModelChoiceField(
        label=_("At least"), queryset=DegreeLevel.objects.none(), required=False
    )
    city = forms.ModelChoiceField(
        label=_("Would work in"), queryset=City.objects.none(), required=False
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=IndustryCluster.objects.none(), required=False
    )
    language = forms.ModelChoiceField(
        label=_("Speaks"), queryset=LanguageRef.objects.none(), required=False
    )
    verified_only = forms.BooleanField(label=_("Verified degree only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["discipline"].queryset = Discipline.objects.filter(parent__isnull=False)
        self.fields["degree_level"].queryset = DegreeLevel.objects.all()
        self.fields["city"].queryset = City.objects.filter(kind=City.Kind.PREFECTURE)
        self.fields["industry"].queryset = IndustryCluster.objects.all()
        self.fields["language"].queryset = LanguageRef.objects.all()


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the talent"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
