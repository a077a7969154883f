"""Forms of the service alliance and the platform suggestions. They parse input; the actions
decide."""

from typing import Any

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.alliance.models import (
    AllianceMembership,
    MemberType,
    Offering,
    Referral,
    Suggestion,
)
from returnee_home.core.models import City
from returnee_home.orgs.models import Organisation

SCOPE_CHOICES = [
    ("city", _("The alliance of our city")),
    ("province", _("The provincial alliance")),
]


class DateInput(forms.DateInput):
    input_type = "date"


def _city_label(city: City) -> str:
    return f"— {city.name}" if city.parent_id else city.name


class _ApplicationFields(forms.Form):
    member_type = forms.ChoiceField(label=_("Member type"), choices=MemberType.choices)
    scope = forms.ChoiceField(
        label=_("Which alliance"), choices=SCOPE_CHOICES, widget=forms.RadioSelect, initial="city"
    )
    offer_zh = forms.CharField(
        label=_("What you offer returnees (Chinese)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    offer_en = forms.CharField(
        label=_("What you offer returnees (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=100)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=40)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)


class AllianceApplyForm(_ApplicationFields):
    """Apply for an organisation the person already belongs to."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    field_order = ["organisation", "member_type", "scope"]

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )


class AlliancePartnerRegisterForm(_ApplicationFields):
    """Register a new partner organisation and apply with it."""

    name_zh = forms.CharField(label=_("Organisation name (Chinese)"), max_length=200)
    name_en = forms.CharField(
        label=_("Organisation name (English)"), max_length=200, required=False
    )
    city = forms.ModelChoiceField(label=_("City or county"), queryset=City.objects.none())
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description_zh = forms.CharField(
        label=_("About the organisation (Chinese)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    description_en = forms.CharField(
        label=_("About the organisation (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    field_order = ["name_zh", "name_en", "city", "address", "website", "member_type", "scope"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["city"]
        field.queryset = City.objects.order_by("sort_order", "code")
        field.label_from_instance = _city_label


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (told to the organisation)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class OfferingForm(forms.ModelForm):
    class Meta:
        model = Offering
        fields = [
            "kind",
            "title_zh",
            "title_en",
            "description_zh",
            "description_en",
            "contact_method",
            "cities",
            "homes",
            "valid_from",
            "valid_until",
            "is_published",
        ]
        widgets = {
            "description_zh": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "cities": forms.CheckboxSelectMultiple,
            "homes": forms.CheckboxSelectMultiple,
            "valid_from": DateInput(format="%Y-%m-%d"),
            "valid_until": DateInput(format="%Y-%m-%d"),
        }
        help_texts = {
            "cities": _("Leave cities and Homes empty to serve your whole alliance."),
        }

    def __init__(self, *args: Any, membership: AllianceMembership, **kwargs: Any) -> None:
        from returnee_home.alliance import selectors

        super().__init__(*args, **kwargs)
        self.fields["cities"].queryset = selectors.servable_cities(membership)
        self.fields["cities"].label_from_instance = _city_label
        self.fields["homes"].queryset = selectors.servable_homes(membership)
        self.fields["homes"].label_from_instance = lambda h: f"{h.name} ({h.city.name})"

    def action_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["cities"] = list(data.get("cities") or [])
        data["homes"] = list(data.get("homes") or [])
        return data


class PublicOfferingFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of offering"),
        choices=[("", _("All kinds"))] + list(Offering.Kind.choices),
        required=False,
    )
    city = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.none(), required=False, to_field_name="slug"
    )
    q = forms.CharField(label=_("Search offerings"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["city"]
        field.queryset = City.objects.filter(parent__isnull=True).order_by("sort_order", "code")
        field.empty_label = str(_("All cities"))


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = [
            "kind",
            "category",
            "title",
            "description",
            "priority",
            "contact_name",
            "contact_phone",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class TriageForm(forms.Form):
    status = forms.ChoiceField(label=pgettext_lazy("suggestion", "Answer"), choices=())
    reply = forms.CharField(
        label=_("Reply to the city"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args: Any, allowed: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Suggestion.Status.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in allowed]


class SuggestionFilterForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses"))] + list(Suggestion.Status.choices),
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories"))] + list(Suggestion.Category.choices),
        required=False,
    )

    def __init__(self, *args: Any, cities: list[City], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.filter(pk__in=[c.pk for c in cities])
        self.fields["city"].empty_label = str(_("All cities"))
        if len(cities) <= 1:
            del self.fields["city"]


class MembershipFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses"))] + list(AllianceMembership.Status.choices),
        required=False,
    )


# --- Referrals ---------------------------------------------------------------------------------


class ReferralForm(forms.Form):
    """A Home's staff refer a request to an alliance member serving the Home."""

    member = forms.ModelChoiceField(
        label=_("Alliance member"), queryset=AllianceMembership.objects.none()
    )
    offering = forms.ModelChoiceField(
        label=_("Offering asked for"),
        queryset=Offering.objects.none(),
        required=False,
        help_text=_("One of the member's current offerings for this Home, where one fits."),
    )
    deadline = forms.DateField(
        label=_("Serve by"),
        widget=DateInput(format="%Y-%m-%d"),
        help_text=_("The partner answers and reports back by this day."),
    )
    note = forms.CharField(
        label=_("Note to the partner"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("What the person needs and how to reach them."),
    )

    def __init__(self, *args: Any, members: list[AllianceMembership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # In the order of `members`: those with offerings for this Home first.
        order = Case(
            *(When(pk=m.pk, then=Value(n)) for n, m in enumerate(members)),
            default=Value(len(members)),
            output_field=IntegerField(),
        )
        self.fields["member"].queryset = (
            AllianceMembership.objects.filter(pk__in=[m.pk for m in members])
            .select_related("organisation", "scope_city")
            .order_by(order)
        )
        self.fields["member"].label_from_instance = lambda m: (
            f"{m.organisation.name} · {m.scope_label}"
        )
        offerings = [o for m in members for o in m.home_offerings]
        self.fields["offering"].queryset = Offering.objects.filter(
            pk__in=[o.pk for o in offerings]
        ).select_related("member__organisation")
        self.fields["offering"].label_from_instance = lambda o: (
            f"{o.title} · {o.member.organisation.name}"
        )


class ReferralStepForm(forms.Form):
    """A note for a step of a referral, and the result document when reporting it done."""

    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    document = forms.FileField(
        label=_("Result document (optional)"),
        required=False,
        help_text=_("A PDF, JPEG or PNG file."),
    )

    def __init__(self, *args: Any, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        labels = {
            "accept": _("Note to the Home (optional)"),
            "decline": _("Why you cannot take it"),
            "report_done": _("What was done"),
            "report_unable": _("Why it could not be provided"),
            "cancel": _("Why the referral is cancelled"),
        }
        self.fields["note"].label = labels.get(step, _("Note"))
        self.fields["note"].required = step != "accept"
        if step != "report_done":
            del self.fields["document"]


class ReferralFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states")), *Referral.State.choices]
