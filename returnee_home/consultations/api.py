"""API of consultations: anyone submits a question (throttled per address without an account;
a visitor confirms their e-mail address by the link sent to it)."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from returnee_home.api.schemas import ErrorOut
from returnee_home.consultations import actions
from returnee_home.core.errors import ApplicationError, NotFoundError
from returnee_home.core.models import ServiceCategory
from returnee_home.core.request_context import current_ip
from returnee_home.orgs.models import Home
from returnee_home.services.models import ServiceItem

router = Router(tags=["consultations"])


class ConsultationIn(Schema):
    home: str = Field("", description="A named Home's address name (slug); empty: the province")
    category: str = Field(..., description="Service category code")
    item: str = Field("", description="Service item code (optional)")
    language: str = Field("zh-hans", description="zh-hans or en")
    subject: str = Field(..., max_length=200)
    question: str = Field(..., max_length=5000)
    name: str = Field("", max_length=100)
    email: str = Field("", max_length=254, description="Required without a signed-in session")
    consent_to_publish: bool = False


class ConsultationOut(Schema):
    id: int
    status: str
    due_on: Any = None


@router.post(
    "",
    response={201: ConsultationOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Ask a Home or the province a question",
    auth=None,
)
def submit(request: HttpRequest, body: ConsultationIn) -> Any:
    """Without a session the question waits until the e-mail address is confirmed by the link
    sent to it (status `unconfirmed`)."""
    home = None
    if body.home:
        home = Home.objects.filter(slug=body.home, status=Home.Status.NAMED).first()
        if home is None:
            raise NotFoundError()
    category = ServiceCategory.objects.filter(code=body.category).first()
    if category is None:
        raise ApplicationError("invalid", "category", fields={"category": "unknown"})
    item = ServiceItem.objects.filter(code=body.item).first() if body.item else None
    consultation, _token = actions.consultation_ask(
        asker=request.user,
        home=home,
        category=category,
        item=item,
        language=body.language,
        subject=body.subject,
        question=body.question,
        name=body.name,
        email=body.email,
        consent_to_publish=body.consent_to_publish,
        ip_address=current_ip.get() or request.META.get("REMOTE_ADDR"),
    )
    return 201, {
        "id": consultation.pk,
        "status": consultation.status,
        "due_on": consultation.due_on,
    }
