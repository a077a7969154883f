"""Sending text messages. One interface; the backend is chosen by settings.SMS_BACKEND.

The embedded default writes each message to the log (numbers masked). A real deployment
plugs in its provincial SMS gateway by naming another class with the same `send` method.
"""

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("returnee_home.sms")


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    text: str


class SmsBackend(ABC):
    @abstractmethod
    def send(self, message: SmsMessage) -> None:
        """Deliver one message or raise."""


class LogSmsBackend(SmsBackend):
    """Embedded default: writes the message to the log instead of a gateway."""

    def send(self, message: SmsMessage) -> None:
        masked = f"{message.phone[:3]}****{message.phone[-4:]}"
        logger.info("SMS to %s: %s", masked, message.text)


class OutboxSmsBackend(SmsBackend):
    """Test backend: keeps messages in `outbox`, as Django's locmem mail backend does."""

    outbox: list[SmsMessage] = []

    def send(self, message: SmsMessage) -> None:
        OutboxSmsBackend.outbox.append(message)


def send_sms(phone: str, text: str) -> None:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    backend.send(SmsMessage(phone=phone, text=text))
