"""Forms of the catalogue, offerings and requests. Validation of business rules stays in
actions; these check shapes and keep what was typed."""

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from returnee_home.core.models import City, ServiceCategory
from returnee_home.orgs.models import Home, Window
from returnee_home.services.models import ServiceItem, ServiceMode

FILE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _file_help() -> str:
    return str(_("PDF, JPEG or PNG, at most %(limit)s.")) % {
        "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)
    }


def _file_field(label: str, *, required: bool, help_text: str = "") -> forms.FileField:
    return forms.FileField(
        label=label,
        required=required,
        help_text=" ".join(t for t in (help_text, _file_help()) if t),
        widget=forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT}),
    )


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=pgettext_lazy("catalogue search", "Search services"), required=False, max_length=100
    )
    category = forms.ModelChoiceField(
        label=pgettext_lazy("catalogue filter", "Category"),
        queryset=ServiceCategory.objects.order_by("sort_order"),
        required=False,
        to_field_name="code",
        empty_label=pgettext_lazy("filter", "All categories"),
    )
    city = forms.ModelChoiceField(
        label=pgettext_lazy("catalogue filter", "Offered in"),
        queryset=City.objects.filter(parent__isnull=True).order_by("sort_order"),
        required=False,
        to_field_name="code",
        empty_label=pgettext_lazy("filter", "All cities"),
    )


class RequestForm(forms.Form):
    """Description plus one upload per listed material (required ones required)."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    home = forms.ModelChoiceField(
        label=pgettext_lazy("service home", "Home"), queryset=Home.objects.none()
    )
    description = forms.CharField(
        label=_("What do you need?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Describe your situation and what you ask for."),
    )

    def __init__(self, *args: Any, item: ServiceItem, homes: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["home"].queryset = homes
        self.fields["home"].label_from_instance = lambda h: f"{h.name} · {h.city.name}"
        self.materials = list(item.materials.all())
        for material in self.materials:
            self.fields[f"material_{material.pk}"] = _file_field(
                material.name, required=material.is_required, help_text=material.note
            )

    def material_files(self) -> dict[int, Any]:
        return {
            m.pk: self.cleaned_data[f"material_{m.pk}"]
            for m in self.materials
            if self.cleaned_data.get(f"material_{m.pk}")
        }


class SupplementForm(forms.Form):
    message = forms.CharField(
        label=_("Note to the Home"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, item: ServiceItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.materials = list(item.materials.all())
        for material in self.materials:
            self.fields[f"material_{material.pk}"] = _file_field(material.name, required=False)
        self.fields["extra"] = _file_field(_("Other document"), required=False)

    def material_files(self) -> dict[int, Any]:
        return {
            m.pk: self.cleaned_data[f"material_{m.pk}"]
            for m in self.materials
            if self.cleaned_data.get(f"material_{m.pk}")
        }


class StaffStepForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, step: str, targets: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        labels = {
            "ask_more": _("What is missing?"),
            "complete": _("Result"),
            "refuse": _("Reason for refusal"),
            "transfer": _("Reason for the transfer"),
        }
        if step in labels:
            self.fields["message"].label = labels[step]
            self.fields["message"].required = True
        if step == "complete":
            self.fields["result_document"] = _file_field(_("Result document"), required=False)
        if step == "transfer":
            self.fields["to_home"] = forms.ModelChoiceField(
                label=_("Transfer to"), queryset=targets
            )
            self.fields["to_home"].label_from_instance = lambda h: f"{h.name} · {h.city.name}"
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{step}_{name}")


class ServiceItemForm(forms.ModelForm):
    class Meta:
        model = ServiceItem
        fields = [
            "category",
            "code",
            "slug",
            "title_zh",
            "title_en",
            "summary_zh",
            "summary_en",
            "eligibility_zh",
            "eligibility_en",
            "basis_zh",
            "basis_en",
            "time_limit_days",
            "is_free",
            "fee_zh",
            "fee_en",
            "mode",
            "where_zh",
            "where_en",
            "contact_zh",
            "contact_en",
            "sort_order",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "summary_zh",
                "summary_en",
                "eligibility_zh",
                "eligibility_en",
                "basis_zh",
                "basis_en",
                "where_zh",
                "where_en",
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = ServiceMode.choices
        # Uniqueness is the action's to check, with its own message.
        self.fields["code"].validators = []
        self.fields["slug"].validators = self.fields["slug"].validators[:1]

    def validate_unique(self) -> None:
        return None


class MaterialForm(forms.Form):
    name_zh = forms.CharField(label=_("name (Chinese)"), max_length=200)
    name_en = forms.CharField(label=_("name (English)"), max_length=200, required=False)
    note_zh = forms.CharField(label=_("note (Chinese)"), max_length=300, required=False)
    note_en = forms.CharField(label=_("note (English)"), max_length=300, required=False)
    is_required = forms.BooleanField(label=_("required"), required=False)
    original_required = forms.BooleanField(label=_("original required"), required=False)


class FaqForm(forms.Form):
    question_zh = forms.CharField(label=_("question (Chinese)"), required=False)
    question_en = forms.CharField(label=_("question (English)"), required=False)
    answer_zh = forms.CharField(
        label=_("answer (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    answer_en = forms.CharField(
        label=_("answer (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


MaterialFormSet = forms.formset_factory(MaterialForm, extra=2, can_delete=True)
FaqFormSet = forms.formset_factory(FaqForm, extra=1, can_delete=True)


def formset_rows(formset: Any, required_field: str) -> list[dict]:
    """The filled, not deleted rows of a valid formset."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if (
            not data
            or data.get("DELETE")
            or not any(data.get(k) for k in data if k != "DELETE" and k != "is_required")
        ):
            continue
        rows.append({k: v for k, v in data.items() if k != "DELETE"})
    return rows


class OfferingForm(forms.Form):
    offered = forms.BooleanField(label=_("We offer this service"), required=False)
    windows = forms.ModelMultipleChoiceField(
        label=_("windows"),
        queryset=Window.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_zh = forms.CharField(label=_("local hours (Chinese)"), max_length=200, required=False)
    hours_en = forms.CharField(label=_("local hours (English)"), max_length=200, required=False)
    note_zh = forms.CharField(
        label=_("local note (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note_en = forms.CharField(
        label=_("local note (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["windows"].queryset = Window.objects.filter(home=home, is_active=True)
