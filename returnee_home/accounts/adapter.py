"""allauth adapter: mainland mobile numbers on the User model, codes sent through our SMS
interface, phone-only accounts confirmed by SMS, and the person's language applied at login."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from returnee_home.accounts.phone import MainlandPhoneField, normalize_mainland_mobile
from returnee_home.accounts.sms import send_sms


def _in_language(user: Any) -> str:
    return getattr(user, "preferred_language", None) or "zh-hans"


class AccountAdapter(DefaultAccountAdapter):
    def clean_phone(self, phone: str) -> str:
        return normalize_mainland_mobile(phone)

    def phone_form_field(self, **kwargs: Any) -> Any:
        return MainlandPhoneField(**kwargs)

    def send_verification_code_sms(self, user: Any, phone: str, code: str, **kwargs: Any) -> None:
        with translation.override(_in_language(user)):
            text = _(
                "[Returnee Home] Your verification code is %(code)s. It expires in 15 minutes."
            ) % {"code": code}
        send_sms(phone, text)

    def send_unknown_account_sms(self, phone: str, **kwargs: Any) -> None:
        send_sms(phone, _("[Returnee Home] No account uses this mobile number."))

    def send_account_already_exists_sms(self, phone: str) -> None:
        send_sms(
            phone,
            _(
                "[Returnee Home] Someone tried to sign up with this mobile number, which already "
                "has an account. If it was you, sign in or reset your password."
            ),
        )

    def set_phone(self, user: Any, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        if user.pk:  # during sign-up the user is saved once, afterwards
            user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user: Any) -> tuple[str, bool] | None:
        if user.phone:
            return user.phone, user.phone_verified
        return None

    def set_phone_verified(self, user: Any, phone: str) -> None:
        user.phone_verified = True
        user.save(update_fields=["phone_verified"])

    def get_user_by_phone(self, phone: str) -> Any:
        """The account with this number, however it was typed (the login form passes it raw)."""
        try:
            phone = normalize_mainland_mobile(phone)
        except ValidationError:
            return None
        return get_user_model().objects.filter(phone=phone).order_by("pk").first()

    def get_login_stages(self) -> list[str]:
        return [
            "returnee_home.accounts.stages.EmailVerificationStage"
            if path == "allauth.account.stages.EmailVerificationStage"
            else path
            for path in super().get_login_stages()
        ]

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        """New people: no e-mail stored as NULL (unique), the page's language as preference."""
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email or None
        language = translation.get_language() or "zh-hans"
        user.preferred_language = "en" if language.startswith("en") else "zh-hans"
        if commit:
            user.save()
        return user

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        """After sign-in, continue to the same page in the person's preferred language."""
        language = _in_language(user)
        with translation.override(language):
            response = super().post_login(request, user, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            response["Location"] = translate_url(response["Location"], language)
        return response
