"""Forms of the accounts app. They parse input; the actions decide and record."""

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from returnee_home.accounts.models import IdentityDocument, User
from returnee_home.accounts.phone import normalize_mainland_mobile
from returnee_home.core.models import Country
from returnee_home.orgs.models import Home


def _privacy_label() -> str:
    return format_html(
        '{} <a href="{}">{}</a>',
        _("I have read and accept the"),
        reverse("accounts:privacy"),
        _("personal data notice"),
    )


privacy_label = lazy(_privacy_label, str)


class LoginForm(AllauthLoginForm):
    """allauth's sign-in with a visible label naming both ways in, and no placeholders."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail address or mobile number")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")


class SignupForm(AllauthSignupForm):
    """Sign-up with an e-mail address, a mainland mobile number, or both; password twice;
    acceptance of the personal-data notice."""

    accept_privacy = forms.BooleanField(
        label=privacy_label(),
        required=True,
        error_messages={
            "required": _("You can only create an account after accepting the notice.")
        },
    )

    field_order = ["email", "phone", "password1", "password2", "accept_privacy"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.required = False
        email.widget.is_required = False
        email.label = _("E-mail address")
        email.help_text = _("Give an e-mail address, a mobile number, or both.")
        email.widget.attrs.pop("placeholder", None)
        if "phone" in self.fields:
            phone = self.fields["phone"]
            phone.required = False
            phone.label = _("Mainland mobile number")
            phone.help_text = _("11 digits starting with 1. We text you a code to confirm it.")
            phone.widget.attrs.pop("placeholder", None)
            phone.widget.attrs["inputmode"] = "tel"
        for name in ("password1", "password2"):
            if name in self.fields:
                self.fields[name].widget.attrs.pop("placeholder", None)
        if "password2" in self.fields:
            self.fields["password2"].label = _("Password (again)")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_email = bool(cleaned.get("email"))
        has_phone = bool(cleaned.get("phone"))
        if not has_email and not has_phone and not self.has_error("email"):
            if not self.has_error("phone"):
                self.add_error("email", _("Enter an e-mail address or a mainland mobile number."))
        return cleaned

    def signup(self, request: Any, user: User) -> None:
        from returnee_home.accounts.actions import consent_accept
        from returnee_home.core.request_context import client_ip

        consent_accept(user=user, ip_address=client_ip(request))


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        required=False,
        help_text=_("In Chinese characters if you have a Chinese name."),
    )
    name_en = forms.CharField(label=_("Name in English"), max_length=100, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("Pages, e-mails and text messages reach you in this language."),
    )


class ConsentForm(forms.Form):
    accept = forms.BooleanField(
        label=privacy_label(),
        required=True,
        error_messages={"required": _("Tick the box to accept the notice.")},
    )


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class IdentityDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document type"), choices=IdentityDocument.Kind.choices)
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        queryset=Country.objects.all(),
        help_text=_("Mainland citizens choose China and may use their resident ID card."),
    )
    full_name = forms.CharField(
        label=_("Full name as on the document"),
        max_length=100,
    )
    number = forms.CharField(
        label=_("Document number"),
        max_length=30,
        help_text=_("Stored encrypted. Only the staff of the Home you choose see the full number."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    scan = forms.FileField(
        label=_("Scan or photo of the document"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB. For an ID card, the side with your photo."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    home = forms.ModelChoiceField(
        label=_("Home that verifies it"),
        queryset=Home.objects.none(),
        help_text=_("Choose a Home near you; its staff check the document."),
    )

    def __init__(self, *args: Any, homes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if homes is not None:
            self.fields["home"].queryset = homes
        self.fields["home"].label_from_instance = lambda h: f"{h.city.name} · {h.name}"
        self.fields["nationality"].queryset = Country.objects.order_by("sort_order", "code")


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("The person reads this. Say what to correct, e.g. the scan is unreadable."),
    )


class PhoneResetRequestForm(forms.Form):
    phone = forms.CharField(
        label=_("Mainland mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_phone(self) -> str:
        return normalize_mainland_mobile(self.cleaned_data["phone"])


class PhoneResetConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("New password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("password1")
            and cleaned.get("password2")
            and cleaned["password1"] != cleaned["password2"]
        ):
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned
