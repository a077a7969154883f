"""Demo data, accounts part: the nine demo logins (one per role) and `ensure_people`, the bulk
creation of generated people that the other apps' demo modules use.

Demo logins are `ROLE@demo.returnee.home` / `demo-pass-ROLE` with real password hashes; the
roles that must use two-factor authentication get the fixed TOTP secret. Generated people all
share one precomputed password hash (`ctx.password_hash`): hashing 100,000 passwords would take
hours."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.hashers import make_password

from returnee_home.accounts.models import ConsentRecord, IdentityDocument, User
from returnee_home.accounts.validators import mask_number, resident_id_check_digit
from returnee_home.core.demo.registry import DemoContext
from returnee_home.core.fields import blind_index

ORDER = 10

DEMO_DOMAIN = "demo.returnee.home"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # noqa: S105  (public demo secret, CONVENTIONS.md)
DEMO_ROLES = (
    "talent",
    "employer",
    "recommender",
    "staff",
    "manager",
    "city",
    "province",
    "expert",
    "partner",
)
TWO_FACTOR_DEMO_ROLES = frozenset({"staff", "manager", "city", "province", "expert"})

# Names of the demo people (Chinese, English), so that screenshots show real-looking names.
DEMO_NAMES: dict[str, tuple[str, str]] = {
    "talent": ("林晓雨", "Lin Xiaoyu"),
    "employer": ("周志远", "Zhou Zhiyuan"),
    "recommender": ("陈思涵", "Chen Sihan"),
    "staff": ("王佳怡", "Wang Jiayi"),
    "manager": ("张建国", "Zhang Jianguo"),
    "city": ("刘海峰", "Liu Haifeng"),
    "province": ("赵文博", "Zhao Wenbo"),
    "expert": ("孙明哲", "Sun Mingzhe"),
    "partner": ("吴雅琳", "Wu Yalin"),
}


def demo_email(role: str) -> str:
    return f"{role}@{DEMO_DOMAIN}"


def demo_password(role: str) -> str:
    return f"demo-pass-{role}"


@dataclass(frozen=True)
class PersonSpec:
    """A generated person, before they exist."""

    email: str
    full_name: str
    name_en: str
    phone: str | None = None
    preferred_language: str = "zh-hans"
    date_joined: datetime | None = None


def ensure_people(ctx: DemoContext, specs: list[PersonSpec]) -> tuple[dict[str, User], set[str]]:
    """Users for `specs` by e-mail, creating (in bulk) those missing, each with a verified
    primary e-mail address and a consent record. Returns (all users by e-mail, e-mails created).
    """
    emails = [s.email for s in specs]
    users: dict[str, User] = {}
    for chunk in ctx.chunks(emails):
        users.update({u.email: u for u in User.objects.filter(email__in=chunk)})
    missing = [s for s in specs if s.email not in users]
    version = settings.PRIVACY_POLICY_VERSION
    for chunk in ctx.chunks(missing):
        created = User.objects.bulk_create(
            [
                User(
                    email=s.email,
                    phone=s.phone,
                    phone_verified=s.phone is not None,
                    full_name=s.full_name,
                    name_en=s.name_en,
                    preferred_language=s.preferred_language,
                    password=ctx.password_hash,
                    date_joined=s.date_joined or ctx.now,
                )
                for s in chunk
            ]
        )
        if any(u.pk is None for u in created):  # databases that return no ids on bulk insert
            created = list(User.objects.filter(email__in=[s.email for s in chunk]))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created]
        )
        ConsentRecord.objects.bulk_create(
            [ConsentRecord(user=u, version=version, purpose="platform") for u in created]
        )
        users.update({u.email: u for u in created})
    return users, {s.email for s in missing}


@dataclass(frozen=True)
class IdentitySpec:
    """An identity document a generated person submitted to a Home, and its review."""

    user: User
    kind: str
    nationality: Any
    number: str
    home: Any
    status: str
    reviewer: User | None = None
    reviewed_at: datetime | None = None


def resident_id_number(*, region: str, born: date, sequence: int) -> str:
    """A well-formed resident ID number (GB 11643): region, birth date, sequence, check."""
    first17 = f"{region}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + resident_id_check_digit(first17)


def ensure_identity_documents(ctx: DemoContext, specs: list[IdentitySpec]) -> int:
    """Identity documents for people who have none yet (bulk; numbers encrypted by the field);
    the verified ones mark their person real-name verified. Returns how many were created."""
    user_ids = [s.user.pk for s in specs]
    having: set[int] = set()
    for chunk in ctx.chunks(user_ids):
        having.update(
            IdentityDocument.objects.filter(user_id__in=chunk).values_list("user_id", flat=True)
        )
    new = [s for s in specs if s.user.pk not in having]
    for chunk in ctx.chunks(new):
        IdentityDocument.objects.bulk_create(
            [
                IdentityDocument(
                    user=s.user,
                    kind=s.kind,
                    full_name=s.user.full_name,
                    nationality=s.nationality,
                    number=s.number,
                    number_index=blind_index(s.number),
                    number_masked=mask_number(s.number),
                    home=s.home,
                    status=s.status,
                    reviewer=s.reviewer,
                    reviewed_at=s.reviewed_at,
                )
                for s in chunk
            ]
        )
        verified = [s.user.pk for s in chunk if s.status == IdentityDocument.Status.VERIFIED]
        User.objects.filter(pk__in=verified).update(is_real_name_verified=True)
    return len(new)


def ensure_demo_account(role: str) -> User:
    """The demo login for `role`, created with a real password hash if missing."""
    email = demo_email(role)
    full_name, name_en = DEMO_NAMES[role]
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(
            email=email,
            full_name=full_name,
            name_en=name_en,
            password=make_password(demo_password(role)),
            preferred_language="zh-hans",
        )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if not ConsentRecord.objects.filter(user=user).exists():
        ConsentRecord.objects.create(
            user=user, version=settings.PRIVACY_POLICY_VERSION, purpose="platform"
        )
    if (
        role in TWO_FACTOR_DEMO_ROLES
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def seed(ctx: DemoContext) -> None:
    """The nine demo logins; their roles come from the orgs part (memberships)."""
    demo_users: dict[str, Any] = {role: ensure_demo_account(role) for role in DEMO_ROLES}
    ctx.shared["demo_users"] = demo_users
    ctx.log(f"accounts: {len(demo_users)} demo logins")
