import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.files.base import ContentFile

from returnee_home.accounts.models import ConsentRecord, IdentityDocument, User
from returnee_home.accounts.validators import mask_number
from returnee_home.core.fields import blind_index

DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"
# The smallest valid PNG (1×1 pixel): real image content for upload tests.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
VALID_RESIDENT_ID = "11010519491231002X"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a confirmed e-mail address who has accepted the current notice.

    `UserFactory(consented=False)` leaves the consent out; `verified_email=False` the address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.cn")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified_email(obj: User, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and obj.email and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        if create:
            obj.save()

    @factory.post_generation
    def consented(obj: User, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            ConsentRecord.objects.create(
                user=obj, version=settings.PRIVACY_POLICY_VERSION, accepted=True
            )


def activate_totp(user: User, secret: str = DEMO_TOTP_SECRET) -> None:
    """Give the person an active TOTP authenticator (what staff must have)."""
    TOTP.activate(user, secret)


class IdentityDocumentFactory(factory.django.DjangoModelFactory):
    """A pending resident ID card submission with a PNG scan, sent to a new Home."""

    class Meta:
        model = IdentityDocument

    user = factory.SubFactory(UserFactory)
    kind = IdentityDocument.Kind.RESIDENT_ID
    full_name = "张三"
    nationality = factory.LazyFunction(
        lambda: __import__("returnee_home.core.models", fromlist=["Country"]).Country.objects.get(
            code="CN"
        )
    )
    number = VALID_RESIDENT_ID
    number_index = factory.LazyAttribute(lambda o: blind_index(o.number))
    number_masked = factory.LazyAttribute(lambda o: mask_number(o.number))
    scan = factory.LazyFunction(lambda: ContentFile(PNG_BYTES, name="scan.png"))
    scan_content_type = "image/png"
    home = factory.SubFactory("returnee_home.orgs.tests.factories.HomeFactory")
