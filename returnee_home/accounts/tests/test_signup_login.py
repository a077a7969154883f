"""Sign-up by e-mail or mobile number, confirmation, sign-in, throttling, password reset."""

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from returnee_home.accounts.models import ConsentRecord, User
from returnee_home.accounts.sms import OutboxSmsBackend
from returnee_home.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def _signup(client: Client, **data: Any) -> Any:
    payload = {"password1": PASSWORD, "password2": PASSWORD, "accept_privacy": "on", **data}
    return client.post("/accounts/signup/", payload)


def test_signup_by_email_sends_confirmation_and_keeps_workspace_closed_until_confirmed() -> None:
    client = Client()
    response = _signup(client, email="wang@example.cn")
    assert response.status_code == 302
    user = User.objects.get(email="wang@example.cn")
    assert user.phone is None
    assert ConsentRecord.objects.filter(user=user, accepted=True).count() == 1
    assert len(mail.outbox) == 1
    # Not signed in before confirming: the workspace sends them to sign in.
    assert client.get("/workspace/").status_code == 302
    assert "/accounts/login/" in client.get("/workspace/")["Location"]
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body)
    assert link
    client.post(link.group(1))
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/account/").status_code == 200


def test_signup_by_phone_only_is_confirmed_by_sms_code() -> None:
    client = Client()
    response = _signup(client, phone="138 1234 5678")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/phone/verify/")
    user = User.objects.get(phone="+8613812345678")
    assert user.email is None and not user.phone_verified
    assert len(mail.outbox) == 0
    assert len(OutboxSmsBackend.outbox) == 1
    code = re.search(r"code is (\S+)\.", OutboxSmsBackend.outbox[0].text)
    # The SMS is in the language of the page where they signed up (Chinese by default).
    code = code or re.search(r"验证码为?[：:]?\s*(\S+?)[，。]", OutboxSmsBackend.outbox[0].text)
    assert code, OutboxSmsBackend.outbox[0].text
    response = client.post("/accounts/phone/verify/", {"code": code.group(1)})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified
    assert client.get("/account/").status_code == 200


def test_signup_needs_email_or_phone_and_keeps_typed_input() -> None:
    response = _signup(Client(), email="", phone="")
    assert response.status_code == 200
    assert "e-mail address or a mainland mobile number" in response.content.decode() or (
        "电子邮箱或中国大陆手机号码" in response.content.decode()
    )
    response = Client().post(
        "/en/accounts/signup/",
        {"email": "zhao@example.cn", "password1": PASSWORD, "password2": "different-pass-1"},
    )
    html = response.content.decode()
    assert 'value="zhao@example.cn"' in html
    assert "You can only create an account after accepting the notice." in html
    assert not User.objects.filter(email="zhao@example.cn").exists()


def test_signup_refuses_non_mainland_phone() -> None:
    response = Client().post(
        "/en/accounts/signup/",
        {
            "phone": "+1 202 555 0100",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy": "on",
        },
    )
    assert "Enter a mainland China mobile number" in response.content.decode()
    assert 'value="+1 202 555 0100"' in response.content.decode() or "+12025550100" in (
        response.content.decode()
    )


def test_login_by_email_and_by_phone() -> None:
    by_email = UserFactory(email="li@example.cn")
    client = Client()
    response = client.post("/accounts/login/", {"login": "li@example.cn", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(by_email.pk)

    by_phone = UserFactory(email=None, phone="+8613900001111", phone_verified=True)
    client = Client()
    response = client.post("/accounts/login/", {"login": "13900001111", "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.session["_auth_user_id"] == str(by_phone.pk)


def test_login_redirects_to_the_same_page_in_the_preferred_language() -> None:
    UserFactory(email="en@example.cn", preferred_language="en")
    client = Client()
    response = client.post(
        "/accounts/login/?next=/account/",
        {"login": "en@example.cn", "password": PASSWORD, "next": "/account/"},
    )
    assert response["Location"] == "/en/account/"


def test_repeated_failed_logins_lock_the_account_with_a_clear_message() -> None:
    UserFactory(email="target@example.cn")
    client = Client()
    for _ in range(5):
        response = client.post(
            "/en/accounts/login/", {"login": "target@example.cn", "password": "wrong-password"}
        )
        assert "not correct" in response.content.decode()
    response = client.post(
        "/en/accounts/login/", {"login": "target@example.cn", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Chinese page, same lock, message in Chinese.
    response = Client().post(
        "/accounts/login/", {"login": "target@example.cn", "password": PASSWORD}
    )
    assert "登录失败次数过多" in response.content.decode() or "尝试" in response.content.decode()


def test_password_reset_by_email_link() -> None:
    user = UserFactory(email="reset@example.cn")
    client = Client()
    client.post("/accounts/password/reset/", {"email": "reset@example.cn"})
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    assert path
    response = client.get(path.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path.group(1)
    client.post(form_url, {"password1": "new-horse-battery-9", "password2": "new-horse-battery-9"})
    user.refresh_from_db()
    assert user.check_password("new-horse-battery-9")


def test_password_reset_by_sms_code_for_phone_only_accounts() -> None:
    user = UserFactory(email=None, phone="+8613700002222", phone_verified=True)
    client = Client()
    response = client.post("/en/account/password/reset/sms/", {"phone": "13700002222"})
    assert response.status_code == 302
    code = re.search(r"(\d{6})", OutboxSmsBackend.outbox[-1].text).group(1)
    assert "验证码" in OutboxSmsBackend.outbox[-1].text  # in the account's language
    wrong = client.post(
        "/en/account/password/reset/sms/confirm/",
        {"code": "000000" if code != "000000" else "111111", "password1": "x", "password2": "x"},
    )
    assert "The code is not correct." in wrong.content.decode()
    response = client.post(
        "/en/account/password/reset/sms/confirm/",
        {"code": code, "password1": "brand-new-pass-42", "password2": "brand-new-pass-42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-pass-42")


def test_sms_reset_for_unknown_number_looks_the_same_and_sets_nothing() -> None:
    client = Client()
    response = client.post("/en/account/password/reset/sms/", {"phone": "13600003333"})
    assert response.status_code == 302
    assert "No account uses this mobile number" in OutboxSmsBackend.outbox[-1].text
