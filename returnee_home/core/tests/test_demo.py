"""seed_demo: every demo login with its role, idempotent, reproducible, tops up a larger scale."""

import dataclasses
from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from returnee_home.accounts.demo import DEMO_ROLES, TWO_FACTOR_DEMO_ROLES, demo_email
from returnee_home.accounts.models import ConsentRecord, IdentityDocument, User
from returnee_home.accounts.validators import validate_passport, validate_resident_id
from returnee_home.core.demo import codes, registry
from returnee_home.core.management.commands.demo_totp import current_demo_code
from returnee_home.orgs.models import Home, Membership, Organisation, OrgKind, Role
from returnee_home.talent.models import Education, TalentProfile

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "employer": (Role.EMPLOYER_CONTACT, OrgKind.EMPLOYER),
    "recommender": (Role.RECOMMENDER, OrgKind.RECOMMENDER),
    "staff": (Role.HOME_STAFF, None),
    "manager": (Role.HOME_MANAGER, None),
    "city": (Role.CITY_ADMIN, OrgKind.CITY_BUREAU),
    "province": (Role.PROVINCE_ADMIN, OrgKind.PROVINCE),
    "expert": (Role.EXPERT, OrgKind.PROVINCE),
    "partner": (Role.PARTNER, OrgKind.ALLIANCE_PARTNER),
}


def seed(scale: str = "tiny", seed_value: int = 11) -> str:
    out = StringIO()
    call_command("seed_demo", scale=scale, seed=seed_value, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "homes": Home.objects.count(),
        "memberships": Membership.objects.count(),
        "profiles": TalentProfile.objects.count(),
        "educations": Education.objects.count(),
        "emails": EmailAddress.objects.count(),
        "consents": ConsentRecord.objects.count(),
    }


def talent_names() -> list[tuple[str, str, str]]:
    return list(
        User.objects.filter(talent_profile__isnull=False)
        .order_by("email")
        .values_list("email", "full_name", "name_en")
    )


def test_every_demo_login_exists_with_its_role() -> None:
    seed()
    for role in DEMO_ROLES:
        user = User.objects.get(email=demo_email(role))
        assert user.check_password(f"demo-pass-{role}")
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
        assert ConsentRecord.objects.filter(user=user).exists()
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        assert has_totp == (role in TWO_FACTOR_DEMO_ROLES), role
        if role in EXPECTED_ROLES:
            expected_role, expected_kind = EXPECTED_ROLES[role]
            membership = Membership.objects.select_related("organisation").get(user=user)
            assert membership.role == expected_role
            if expected_kind:
                assert membership.organisation.kind == expected_kind
    staff = Membership.objects.get(user__email=demo_email("staff"))
    manager = Membership.objects.get(user__email=demo_email("manager"))
    assert staff.organisation_id == manager.organisation_id
    home = Home.objects.select_related("city").get(carrier_id=staff.organisation_id)
    assert home.city.code == "320100" and home.status == Home.Status.NAMED
    city = Membership.objects.select_related("organisation").get(user__email=demo_email("city"))
    assert city.organisation.city_id == home.city_id
    employer = Membership.objects.get(user__email=demo_email("employer")).organisation
    assert employer.is_verified
    talent = TalentProfile.objects.get(user__email=demo_email("talent"))
    assert talent.completeness == 100
    assert talent.user.is_real_name_verified
    # The demo staff has identity documents to review at their Home.
    assert IdentityDocument.objects.filter(home=home, status="pending").exists()


def test_province_is_plausible() -> None:
    seed()
    assert Organisation.objects.filter(kind=OrgKind.CITY_BUREAU).count() == 13
    assert Organisation.objects.filter(kind=OrgKind.PROVINCE).count() == 1
    homes = Home.objects.all()
    assert homes.filter(status=Home.Status.PREPARING).exists()
    for code in ("320583", "321283", "321322"):  # the province-administered counties
        assert homes.filter(city__code=code).exists()
    named = homes.filter(status=Home.Status.NAMED)
    assert all(h.plaque_number.startswith("苏留家〔") and h.batch_label for h in named)
    assert len({h.plaque_number for h in named}) == named.count()
    assert all(h.windows.exists() and h.service_categories.exists() for h in named)
    employers = Organisation.objects.filter(kind=OrgKind.EMPLOYER)
    for org in employers:
        assert codes.credit_code_check(org.credit_code[:17]) == org.credit_code[17]
    assert employers.filter(verification_status="pending").exists()
    assert employers.filter(verification_status="verified").count() > employers.count() // 2
    overseas = Education.objects.exclude(country__code="CN")
    assert overseas.count() >= TalentProfile.objects.count() - 1
    assert Membership.objects.filter(role=Role.HOME_STAFF).count() > Home.objects.count()
    for doc in IdentityDocument.objects.select_related("nationality"):
        if doc.kind == "resident_id":
            assert validate_resident_id(doc.number) == doc.number
        else:
            assert validate_passport(doc.number, nationality_code=doc.nationality.code)


def test_second_run_duplicates_nothing() -> None:
    seed()
    first = counts()
    out = seed()
    assert "nothing to add" in out
    assert counts() == first


def test_same_seed_same_province_other_seed_other_names() -> None:
    class Rollback(Exception):
        pass

    def names_for(seed_value: int) -> list[tuple[str, str, str]]:
        try:
            with transaction.atomic():
                seed(seed_value=seed_value)
                names = talent_names()
                raise Rollback
        except Rollback:
            return names

    first, again, other = names_for(11), names_for(11), names_for(12)
    assert first == again
    assert len(first) == registry.SCALES["tiny"].talents + 1  # and the demo talent
    assert first != other


def test_a_larger_scale_tops_up(monkeypatch: Any) -> None:
    seed()
    before = talent_names()
    bigger = dataclasses.replace(registry.SCALES["small"], talents=55, employers=35)
    monkeypatch.setitem(registry.SCALES, "small", bigger)
    seed("small")
    after = talent_names()
    assert len(after) == 56
    assert set(before) <= set(after)
    assert "nothing to add" in seed("small")
    assert "nothing to add" in seed("tiny")  # never shrinks


def test_another_seed_is_refused() -> None:
    seed()
    with pytest.raises(CommandError, match="seed 11"):
        seed(seed_value=12)


def test_demo_logins_and_totp_commands() -> None:
    seed()
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for role in DEMO_ROLES:
        assert f"{role}@demo.returnee.home" in text and f"demo-pass-{role}" in text
    assert "JBSWY3DPEHPK3PXP" in text
    out = StringIO()
    call_command("demo_totp", stdout=out, stderr=StringIO())
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    # A code holds for its 30-second period and changes with the next.
    assert current_demo_code(0) == current_demo_code(29) != current_demo_code(30)


def test_credit_codes_are_valid_and_distinct() -> None:
    generated = {codes.credit_code(division="320100", serial=n) for n in range(5_000)}
    assert len(generated) == 5_000
    for code in list(generated)[:200]:
        assert len(code) == 18 and set(code) <= set(codes.CREDIT_CODE_CHARSET)
        assert codes.organisation_code_check(code[8:16]) == code[16]
