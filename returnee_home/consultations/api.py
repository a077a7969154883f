"""API of consultations: anyone submits a question (throttled per address without an account;
a visitor confirms their e-mail address by the link sent to it); a person reads their own
questions; a Home's staff (and province admins, for the province) list and answer theirs. The
person's endpoints take their session or their personal API token."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from returnee_home.api.auth import person_auth
from returnee_home.api.pagination import PagePagination
from returnee_home.api.schemas import ErrorOut
from returnee_home.consultations import actions, selectors
from returnee_home.consultations.models import Consultation
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
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


class ConsultationDetailOut(Schema):
    id: int
    status: str
    status_label: str
    home: str | None = Field(None, description="The Home's address name (slug); null: province")
    category: str = Field(..., description="Service category code")
    language: str
    subject: str
    question: str
    due_on: dt.date | None = None
    answer: str
    answered_at: dt.datetime | None = None
    asked_at: dt.datetime

    @staticmethod
    def resolve_status_label(obj: Consultation) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_home(obj: Consultation) -> str | None:
        return obj.home.slug if obj.home_id else None

    @staticmethod
    def resolve_category(obj: Consultation) -> str:
        return obj.category.code

    @staticmethod
    def resolve_asked_at(obj: Consultation) -> dt.datetime:
        return obj.created_at


class WorkbenchFilters(Schema):
    status: str = Field(
        "open", max_length=12, description="open (default), answered, or empty for both"
    )


class AnswerIn(Schema):
    answer: str = Field(..., max_length=10000)


PERSON_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def _person(request: HttpRequest) -> Any:
    user = getattr(request.auth, "user", None)  # type: ignore[attr-defined]
    if user is None:
        raise ApplicationError(
            "person_required", _("Sign in as a person to see consultations."), status=403
        )
    return user


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
        text = _("Unknown service category.")
        raise ApplicationError("invalid_category", text, fields={"category": text})
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


@router.get(
    "/mine",
    response={200: list[ConsultationDetailOut], **PERSON_ERRORS},
    auth=person_auth,
    summary="Your own questions and their answers",
)
@paginate(PagePagination)
def my_consultations(request: HttpRequest) -> Any:
    return selectors.mine(_person(request))


@router.get(
    "/workbench",
    response={200: list[ConsultationDetailOut], **PERSON_ERRORS},
    auth=person_auth,
    summary="Questions for your Home (or the province), late ones first",
)
@paginate(PagePagination)
def workbench(request: HttpRequest, filters: Query[WorkbenchFilters]) -> Any:
    """Only Home staff and managers (their Home's questions) and province admins (the
    province's); anyone else gets 403."""
    user = _person(request)
    if not selectors.answers_questions(user):
        raise PermissionDeniedError()
    if filters.status and filters.status not in Consultation.Status.values:
        text = _("Unknown status.")
        raise ApplicationError("invalid_status", text, fields={"status": text})
    return selectors.workbench(user, status=filters.status)


@router.post(
    "/workbench/{int:consultation_id}/answer",
    response={200: ConsultationDetailOut, **PERSON_ERRORS},
    auth=person_auth,
    summary="Answer a question of your Home",
)
def answer(request: HttpRequest, consultation_id: int, body: AnswerIn) -> Any:
    """A question outside the caller's workbench answers 404; one already answered 409."""
    user = _person(request)
    consultation = selectors.workbench_one(user, consultation_id)
    actions.consultation_answer(consultation=consultation, actor=user, answer=body.answer)
    return selectors.workbench_one(user, consultation_id)
