"""The in-site inbox. Each notification may also be e-mailed by a background task."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from returnee_home.core.models import BaseModel


class Notification(BaseModel):
    """One message to one person, shown in their inbox; `read_at` empty means unread."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(BaseModel):
    """How a person wants to hear about new messages. A person without a row gets the defaults
    (e-mail copies on); the row is created the first time they change a setting."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_copies = models.BooleanField(
        _("e-mail me a copy of each notification"),
        default=True,
        help_text=_("Messages always stay in your inbox on the site."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: email_copies={self.email_copies}"
