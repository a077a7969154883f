"""Login stages adjusted to accounts that may have a mobile number and no e-mail address."""

from allauth.account import stages
from allauth.account.models import EmailAddress


class EmailVerificationStage(stages.EmailVerificationStage):
    """allauth's mandatory e-mail verification, skipped for phone-only accounts.

    A person who signed up with a mobile number only has no address to confirm; their number is
    confirmed by the phone verification stage that runs before this one. Anyone who has an
    e-mail address still confirms it before signing in."""

    def handle(self):  # type: ignore[no-untyped-def]
        user = self.login.user
        if (
            user is not None
            and not self.login.email
            and getattr(user, "phone", None)
            and not getattr(user, "email", None)
            and not EmailAddress.objects.filter(user_id=user.pk).exists()
        ):
            return None, True
        return super().handle()
