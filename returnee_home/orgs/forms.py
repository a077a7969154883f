"""Forms of the portal's filters, the administration and the employer pages. They parse
input; the actions decide."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from returnee_home.core.models import City, IndustryCluster, ServiceCategory
from returnee_home.orgs.models import CARRIER_KINDS, Home, Organisation, OrgKind, Role
from returnee_home.orgs.validators import normalize_credit_code

CREATABLE_KINDS = [(value, label) for value, label in OrgKind.choices if value != OrgKind.PROVINCE]


class CityChoiceField(forms.ModelChoiceField):
    """Cities listed with the counties indented under their prefecture."""

    def label_from_instance(self, obj: City) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


class DirectoryFilterForm(forms.Form):
    city = forms.SlugField(label=_("City or county"), required=False)
    kind = forms.ChoiceField(
        label=_("Carrier"),
        required=False,
        choices=[("", _("All carriers")), *[(k.value, k.label) for k in CARRIER_KINDS]],
    )
    q = forms.CharField(label=_("Name or address"), required=False, max_length=100)

    def __init__(self, *args: Any, cities: list[City], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cities = cities
        self.fields["city"].widget = forms.Select(
            choices=[("", _("All cities"))]
            + [(c.slug, f"— {c.name}" if c.parent_id else c.name) for c in cities]
        )
        self.fields["q"].widget.attrs["type"] = "search"

    def selected_city(self) -> City | None:
        slug = self.cleaned_data.get("city") if self.is_valid() else None
        return next((c for c in self.cities if c.slug == slug), None)


class OrganisationCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CREATABLE_KINDS)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    city = CityChoiceField(label=_("City or county"), queryset=City.objects.none())
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    phone = forms.CharField(label=_("Contact telephone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Contact e-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=30,
        required=False,
        help_text=_("18 characters, as printed on the business licence."),
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=IndustryCluster.objects.all(), required=False
    )
    description_zh = forms.CharField(
        label=_("Description (Chinese)"), widget=forms.Textarea, required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, cities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities

    def clean_credit_code(self) -> str:
        value = self.cleaned_data.get("credit_code", "")
        return normalize_credit_code(value) if value else ""


class HomeCreateForm(forms.Form):
    code = forms.CharField(
        label=_("Home code"),
        max_length=12,
        help_text=_("Short code used in case numbers, e.g. NJ01."),
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", _("Use letters, digits and hyphens."))],
    )
    slug = forms.SlugField(
        label=_("Address name"),
        max_length=60,
        help_text=_("The last part of the Home's public address, e.g. nanjing-jiangbei."),
    )
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    address_zh = forms.CharField(label=_("Address (Chinese)"), max_length=300)
    address_en = forms.CharField(label=_("Address (English)"), max_length=300, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Home.Status.choices)
    plaque_number = forms.CharField(label=_("Plaque number"), max_length=40, required=False)
    batch_label = forms.CharField(label=_("Naming batch"), max_length=60, required=False)
    named_on = forms.DateField(
        label=_("Named on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class HomePublicForm(forms.ModelForm):
    service_categories = forms.ModelMultipleChoiceField(
        label=_("Services offered"),
        queryset=ServiceCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Home
        fields = [
            "name_zh",
            "name_en",
            "address_zh",
            "address_en",
            "opening_hours_zh",
            "opening_hours_en",
            "phone",
            "email",
            "introduction_zh",
            "introduction_en",
            "floor_area",
            "service_categories",
        ]


class WindowForm(forms.Form):
    number = forms.IntegerField(label=_("Window number"), min_value=1, max_value=999)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=100)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)
    is_active = forms.BooleanField(label=_("Open"), required=False, initial=True)


class InviteForm(forms.Form):
    contact = forms.CharField(
        label=_("E-mail address or mobile number"),
        max_length=120,
        help_text=_(
            "Someone who already has an account joins at once; anyone else receives an "
            "invitation link."
        ),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]


class EmployerForm(forms.Form):
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=30,
        help_text=_("18 characters, as printed on the business licence."),
    )
    address = forms.CharField(label=_("Registered address"), max_length=300)
    city = CityChoiceField(label=_("City or county"), queryset=City.objects.all())
    industry = forms.ModelChoiceField(label=_("Industry"), queryset=IndustryCluster.objects.all())
    phone = forms.CharField(label=_("Contact telephone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Contact e-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    business_licence = forms.FileField(
        label=_("Business licence"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["business_licence"].help_text = _(
            "A scan or photo: PDF, JPEG or PNG, at most %(limit)s."
        ) % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}

    def clean_credit_code(self) -> str:
        return normalize_credit_code(self.cleaned_data.get("credit_code", ""))


class EmployerCorrectionForm(EmployerForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("phone", "email", "website"):
            del self.fields[name]
        self.fields["business_licence"].required = False
        self.fields["business_licence"].help_text = _(
            "Upload a new scan only if the old one was the problem: PDF, JPEG or PNG."
        )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("The employer's contacts will read this."),
    )


def employer_initial(organisation: Organisation) -> dict[str, Any]:
    return {
        "name_zh": organisation.name_zh,
        "name_en": organisation.name_en,
        "credit_code": organisation.credit_code,
        "address": organisation.address,
        "city": organisation.city_id,
        "industry": organisation.industry_id,
    }
