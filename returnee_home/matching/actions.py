"""Writes of the matching app: the engine's feature rows, stored top matches, feedback on
matches (dismiss, reject) and synonyms added by staff."""

import datetime as dt
import time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnee_home.core.audit import audit_record
from returnee_home.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from returnee_home.matching import engine
from returnee_home.matching.features import BUILDERS, jobs_model
from returnee_home.matching.models import (
    EMPLOYER_REASONS,
    TALENT_REASONS,
    Concept,
    Direction,
    FeatureRow,
    MatchFeedback,
    StoredMatch,
    Synonym,
)
from returnee_home.matching.taxonomy import get_taxonomy, taxonomy_changed
from returnee_home.matching.text import normalise

BATCH = 1_000
KIND_MODELS = {"posting": "JobPosting", "project": "TalentProject", "demand": "ProjectDemand"}


def _available(kind: str) -> bool:
    return kind == "talent" or jobs_model(KIND_MODELS[kind]) is not None


def features_refresh(*, kind: str, object_ids: list[int]) -> int:
    """Recompute the feature rows of these records (inactive rows for records that are gone).
    Returns how many rows were written."""
    if not object_ids or not _available(kind):
        return 0
    queryset, build = BUILDERS[kind]
    taxonomy = get_taxonomy()
    now = timezone.now()
    written = 0
    for start in range(0, len(object_ids), BATCH):
        chunk = object_ids[start : start + BATCH]
        records = {r.pk: r for r in queryset().filter(pk__in=chunk)}
        rows = []
        for object_id in chunk:
            record = records.get(object_id)
            if record is None:
                rows.append(
                    FeatureRow(kind=kind, object_id=object_id, active=False, updated_at=now)
                )
                continue
            doc = build(record, taxonomy)
            rows.append(
                FeatureRow(
                    kind=kind,
                    object_id=object_id,
                    active=doc.active,
                    payload=doc.payload(),
                    source_updated_at=record.updated_at,
                    updated_at=now,
                )
            )
        with transaction.atomic():
            FeatureRow.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=["active", "payload", "source_updated_at", "updated_at"],
                batch_size=500,
            )
        written += len(rows)
    return written


def features_rebuild(*, kind: str, log: Any = None) -> int:
    """Feature rows for every record of a kind (the demo seed and `manage.py
    matching_rebuild`); batches of ids, so memory stays flat."""
    if not _available(kind):
        return 0
    queryset, _build = BUILDERS[kind]
    ids = list(queryset().order_by("pk").values_list("pk", flat=True))
    written = 0
    started = time.monotonic()
    for start in range(0, len(ids), 5 * BATCH):
        written += features_refresh(kind=kind, object_ids=ids[start : start + 5 * BATCH])
        if log is not None:
            log(
                f"matching: {kind} features {written}/{len(ids)} ({time.monotonic() - started:.0f}s)"
            )
    return written


def features_catch_up(kinds: tuple[str, ...] | None = None) -> dict[str, int]:
    """Refresh the rows of records changed since their row was written: whichever app
    changed a record, the engine sees it within one run of this task."""
    counts: dict[str, int] = {}
    for kind in kinds or tuple(BUILDERS):
        if not _available(kind):
            continue
        queryset, _build = BUILDERS[kind]
        latest = (
            FeatureRow.objects.filter(kind=kind, source_updated_at__isnull=False)
            .order_by("-source_updated_at")
            .values_list("source_updated_at", flat=True)
            .first()
        )
        changed = queryset().model.objects.all()
        if latest is not None:
            changed = changed.filter(updated_at__gt=latest)
        ids = list(changed.order_by("pk").values_list("pk", flat=True)[:20_000])
        if latest is None:
            known = set(FeatureRow.objects.filter(kind=kind).values_list("object_id", flat=True))
            ids = [i for i in ids if i not in known]
        counts[kind] = features_refresh(kind=kind, object_ids=ids)
    return counts


def stored_matches_recompute(*, direction: str, limit: int = 20, log: Any = None) -> int:
    """Recompute the stored top matches of every active subject in one direction: each
    subject costs one query, so time grows linearly with the number of subjects."""
    subject_kind, candidate_kind = engine.DIRECTIONS[direction]  # type: ignore[index]
    if not _available(subject_kind) or not _available(candidate_kind):
        return 0
    subjects = engine.index_for(subject_kind)
    candidates = engine.index_for(candidate_kind)
    now = timezone.now()
    written = 0
    docs = [
        doc
        for doc in engine._rows_to_docs(
            list(
                FeatureRow.objects.filter(kind=subject_kind, active=True).values_list(
                    "object_id", "active", "payload"
                )
            ),
            subject_kind,
        )
    ]
    del subjects
    feedback: dict[int, set[int]] = {}
    for subject_id, object_id in MatchFeedback.objects.filter(direction=direction).values_list(
        "subject_id", "object_id"
    ):
        feedback.setdefault(subject_id, set()).add(object_id)
    for start in range(0, len(docs), BATCH):
        rows = []
        chunk = docs[start : start + BATCH]
        for doc in chunk:
            result = engine.run_query(candidates, doc, limit=limit, exclude=feedback.get(doc.id))
            rows.extend(
                StoredMatch(
                    direction=direction,
                    subject_id=doc.id,
                    object_id=match.object_id,
                    rank=rank,
                    score=round(match.score, 4),
                    computed_at=now,
                )
                for rank, match in enumerate(result.matches, start=1)
            )
        with transaction.atomic():
            StoredMatch.objects.filter(
                direction=direction, subject_id__in=[d.id for d in chunk]
            ).delete()
            StoredMatch.objects.bulk_create(rows, batch_size=2000)
        written += len(rows)
        if log is not None:
            log(f"matching: {direction} {start + len(chunk)}/{len(docs)} subjects")
    return written


# --- Feedback ---------------------------------------------------------------------------------


def _feedback(
    *,
    user: Any,
    direction: str,
    subject_id: int,
    object_id: int,
    reason: str,
    note: str,
    allowed: tuple[str, ...],
    score: float | None,
) -> MatchFeedback:
    if reason not in allowed:
        message = _("Choose a reason from the list.")
        raise ApplicationError("reason_invalid", message, fields={"reason": message})
    note = (note or "").strip()
    if len(note) > 500:
        message = _("Keep the note under 500 characters.")
        raise ApplicationError("note_too_long", message, fields={"note": message})
    with transaction.atomic():
        feedback, _created = MatchFeedback.objects.update_or_create(
            direction=direction,
            subject_id=subject_id,
            object_id=object_id,
            defaults={"reason": reason, "note": note, "created_by": user, "score": score},
        )
    return feedback


def match_dismiss(
    *, user: Any, profile: Any, posting_id: int, reason: str, note: str = ""
) -> MatchFeedback:
    """A talent dismisses a posting from their matches: kept, and never shown to them again.
    Refuses another person's profile (not found) and an unknown reason."""
    if profile.user_id != getattr(user, "pk", None):
        raise NotFoundError()
    model = jobs_model("JobPosting")
    if model is None or not model.objects.filter(pk=posting_id).exists():
        raise NotFoundError()
    return _feedback(
        user=user,
        direction=Direction.POSTINGS_FOR_TALENT,
        subject_id=profile.pk,
        object_id=posting_id,
        reason=reason,
        note=note,
        allowed=TALENT_REASONS,
        score=None,
    )


def match_reject(
    *, user: Any, posting: Any, profile_id: int, reason: str, note: str = ""
) -> MatchFeedback:
    """An employer rejects a profile for one of its postings: kept (audited), and the profile
    is never proposed for that posting again. Refuses anyone but the employer's contacts."""
    from returnee_home.matching.selectors import can_manage_posting
    from returnee_home.talent.models import TalentProfile

    if not can_manage_posting(user, posting):
        raise PermissionDeniedError()
    if not TalentProfile.objects.filter(pk=profile_id).exists():
        raise NotFoundError()
    feedback = _feedback(
        user=user,
        direction=Direction.TALENTS_FOR_POSTING,
        subject_id=posting.pk,
        object_id=profile_id,
        reason=reason,
        note=note,
        allowed=EMPLOYER_REASONS,
        score=None,
    )
    audit_record(
        actor=user,
        action="matching.profile_rejected",
        obj=feedback,
        changes={"posting": posting.pk, "profile": profile_id, "reason": reason},
        organisation_id=posting.employer_id,
    )
    return feedback


def project_match_dismiss(
    *, user: Any, project: Any, demand_id: int, reason: str, note: str = ""
) -> MatchFeedback:
    """A project's owner dismisses a demand from the project's matches."""
    if project.owner.user_id != getattr(user, "pk", None):
        raise NotFoundError()
    return _feedback(
        user=user,
        direction=Direction.DEMANDS_FOR_PROJECT,
        subject_id=project.pk,
        object_id=demand_id,
        reason=reason,
        note=note,
        allowed=TALENT_REASONS,
        score=None,
    )


def demand_match_reject(
    *, user: Any, demand: Any, project_id: int, reason: str, note: str = ""
) -> MatchFeedback:
    """An organisation rejects a project for one of its demands."""
    from returnee_home.matching.selectors import can_manage_demand

    if not can_manage_demand(user, demand):
        raise PermissionDeniedError()
    return _feedback(
        user=user,
        direction=Direction.PROJECTS_FOR_DEMAND,
        subject_id=demand.pk,
        object_id=project_id,
        reason=reason,
        note=note,
        allowed=EMPLOYER_REASONS,
        score=None,
    )


def feedback_undo(*, user: Any, feedback_id: int) -> None:
    """Take back one's own dismissal or rejection: the candidate may be proposed again."""
    with transaction.atomic():
        deleted, _rows = MatchFeedback.objects.filter(pk=feedback_id, created_by=user).delete()
    if not deleted:
        raise NotFoundError()


# --- Taxonomy -----------------------------------------------------------------------------


def synonym_add(*, user: Any, concept: Concept, text: str) -> Synonym:
    """Staff add a synonym (another language, an abbreviation) to a concept. Refuses an empty
    or overlong text and one the concept already has; audited."""
    text = (text or "").strip()
    if not text or len(text) > 200:
        message = _("Enter a synonym of at most 200 characters.")
        raise ApplicationError("synonym_invalid", message, fields={"text": message})
    normal = normalise(text)
    if Synonym.objects.filter(concept=concept, normalised=normal).exists():
        message = _("This concept already has that synonym.")
        raise ApplicationError("synonym_exists", message, fields={"text": message})
    with transaction.atomic():
        synonym = Synonym.objects.create(
            concept=concept,
            text=text,
            normalised=normal,
            source=Synonym.Source.STAFF,
            created_by=user,
        )
        audit_record(
            actor=user,
            action="matching.synonym_added",
            obj=synonym,
            changes={"concept": concept.key, "text": text},
        )
        transaction.on_commit(taxonomy_changed)
    return synonym


def synonym_remove(*, user: Any, synonym_id: int) -> None:
    """Staff remove a synonym that staff added (shipped ones stay). Audited."""
    with transaction.atomic():
        synonym = Synonym.objects.filter(pk=synonym_id, source=Synonym.Source.STAFF).first()
        if synonym is None:
            raise NotFoundError()
        audit_record(
            actor=user,
            action="matching.synonym_removed",
            obj=synonym,
            changes={"concept": synonym.concept.key, "text": synonym.text},
        )
        synonym.delete()
        transaction.on_commit(taxonomy_changed)


def stale_before(days: int = 1) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)
