"""The one error type of the product: actions raise it, views and the API render it."""

from typing import Any


class ApplicationError(Exception):
    """A refused request: `code` is stable for machines, `message` is translated for people.

    `fields` maps a form or API field name to its own message, when the error is about one field.
    `status` is the HTTP status the API answers with (4xx).
    """

    def __init__(
        self,
        code: str,
        message: Any,
        *,
        fields: dict[str, Any] | None = None,
        status: int = 400,
    ) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.fields = fields or {}
        self.status = status

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": str(self.message),
            "fields": {k: str(v) for k, v in self.fields.items()},
        }


class PermissionDeniedError(ApplicationError):
    """The actor may not do this (403)."""

    def __init__(self, message: Any = None, *, code: str = "permission_denied") -> None:
        from django.utils.translation import gettext_lazy as _

        super().__init__(code, message or _("You do not have permission to do this."), status=403)


class NotFoundError(ApplicationError):
    """The object does not exist or is outside the actor's scope (404)."""

    def __init__(self, message: Any = None, *, code: str = "not_found") -> None:
        from django.utils.translation import gettext_lazy as _

        super().__init__(code, message or _("Not found."), status=404)


def apply_to_form(form: Any, error: ApplicationError) -> None:
    """Show an ApplicationError on a Django form: field errors where named, else non-field."""
    placed = False
    for name, message in error.fields.items():
        if name in form.fields:
            form.add_error(name, str(message))
            placed = True
    if not placed:
        form.add_error(None, str(error.message))
