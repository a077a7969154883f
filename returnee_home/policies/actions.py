"""Writes of the policy library: importing documents, editing policies, interpretations,
attachments and benefits. Each public change invalidates the cached public pages and keeps
the search index in step; each privileged change is audited."""

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from returnee_home.core.audit import audit_record
from returnee_home.core.cache import public_pages_changed
from returnee_home.core.errors import ApplicationError, PermissionDeniedError
from returnee_home.core.fulltext import index_words, normalise
from returnee_home.core.models import City
from returnee_home.core.uploads import document_mime, is_too_large
from returnee_home.orgs.selectors import is_province_admin
from returnee_home.policies import selectors
from returnee_home.policies.importer import Problem, decode, parse_policy_text
from returnee_home.policies.models import (
    Benefit,
    BenefitCondition,
    ConditionKind,
    Department,
    Interpretation,
    Level,
    Policy,
    PolicyAttachment,
    PolicySearchEntry,
    PolicySource,
    Theme,
)

MAX_BATCH_FILES = 500
MAX_BATCH_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
ENGLISH_SUFFIXES = (".en.md", ".en.txt")


# --- The search index -------------------------------------------------------------------


def policy_index(policy: Policy) -> None:
    """Write the search entries of a policy and of each of its interpretations."""
    themes = list(policy.themes.all())
    head = index_words(
        policy.title_zh, policy.title_en, policy.document_number, policy.department.name_zh
    )
    body = index_words(
        policy.body_zh,
        policy.body_en,
        policy.department.name_en,
        " ".join(f"{t.name_zh} {t.name_en}" for t in themes),
    )
    PolicySearchEntry.objects.update_or_create(
        policy=policy,
        interpretation=None,
        defaults={"head_words": head, "body_words": body, "is_public": policy.is_published},
    )
    for interpretation in policy.interpretations.all():
        interpretation_index(interpretation)


def interpretation_index(interpretation: Interpretation) -> None:
    policy = interpretation.policy
    PolicySearchEntry.objects.update_or_create(
        interpretation=interpretation,
        defaults={
            "policy": policy,
            "head_words": index_words(interpretation.title_zh, interpretation.title_en),
            "body_words": index_words(
                interpretation.body_zh, interpretation.body_en, policy.title_zh
            ),
            "is_public": policy.is_published and interpretation.is_published,
        },
    )


# --- Importing --------------------------------------------------------------------------


class ImportStatus:
    CREATED = "created"
    ADDED_SCRIPT = "added_script"
    UNCHANGED = "unchanged"
    ENGLISH = "english"
    FAILED = "failed"


@dataclass
class FileReport:
    """What happened to one file of an import."""

    file_name: str
    status: str
    policy: Policy | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != ImportStatus.FAILED

    @property
    def summary(self) -> str:
        messages = {
            ImportStatus.CREATED: gettext_lazy("Imported as a new policy."),
            ImportStatus.ADDED_SCRIPT: gettext_lazy(
                "Same document as an existing policy in another script: kept as another source "
                "text of it."
            ),
            ImportStatus.UNCHANGED: gettext_lazy("Already imported: nothing changed."),
            ImportStatus.ENGLISH: gettext_lazy("English rendering attached to the policy."),
            ImportStatus.FAILED: gettext_lazy("Not imported."),
        }
        return str(messages[self.status])


def _fail(file_name: str, line: int, message: Any) -> FileReport:
    return FileReport(file_name, ImportStatus.FAILED, problems=[Problem(line, str(message))])


def _resolve_themes(names: list[str], line: int) -> tuple[list[Theme], list[Problem]]:
    known = {normalise(t.name_zh): t for t in Theme.objects.all()}
    known.update({t.name_en.lower(): t for t in Theme.objects.all()})
    found, problems = [], []
    for name in names:
        theme = known.get(name) or known.get(name.lower())
        if theme is None:
            problems.append(
                Problem(
                    line,
                    _("Unknown policy theme “%(name)s”. Known themes: %(known)s.")
                    % {"name": name, "known": "、".join(t.name_zh for t in Theme.objects.all())},
                )
            )
        elif theme not in found:
            found.append(theme)
    return found, problems


def _resolve_cities(names: list[str], line: int) -> tuple[list[City], list[Problem]]:
    cities = list(City.objects.all())
    found, problems = [], []
    for name in names:
        match = next(
            (
                c
                for c in cities
                if name in (c.name_zh, c.code, c.name_en)
                or name.lower() == c.name_en.lower()
                or (name.endswith("市") and name[:-1] == c.name_zh.rstrip("市"))
                or c.name_zh.rstrip("市") == name
            ),
            None,
        )
        if match is None:
            problems.append(Problem(line, _("Unknown city “%(name)s”.") % {"name": name}))
        else:
            found.append(match)
    return found, problems


def _check_import_scope(actor: Any, level: str) -> City | None:
    """The owner city of a policy this actor imports; refuses what they may not import. No
    actor is the system (the management command): the province's."""
    if actor is None:
        return None
    if not selectors.can_manage_policies(actor):
        raise PermissionDeniedError()
    owner = selectors.owner_city_for(actor)
    if owner is not None and level not in (Level.MUNICIPAL, Level.DISTRICT):
        raise ApplicationError(
            "level_not_allowed",
            _("City admins import municipal and district policies only."),
        )
    return owner


def policy_import_text(
    *, actor: Any, file_name: str, data: bytes, publish: bool = True
) -> FileReport:
    """Import one document (all or nothing). A document whose number is already in the
    library is reported, not overwritten; the same document received in another script is
    kept as another source text of the existing policy."""
    text = decode(data)
    if text is None:
        return _fail(
            file_name, 0, _("The file is not UTF-8 or GB18030 text, or is larger than 2 MB.")
        )
    parsed, problems = parse_policy_text(text)
    if parsed is None:
        return FileReport(file_name, ImportStatus.FAILED, problems=problems)
    themes, theme_problems = _resolve_themes(parsed.themes, parsed.lines.get("themes", 0))
    cities, city_problems = _resolve_cities(parsed.cities, parsed.lines.get("cities", 0))
    if theme_problems or city_problems:
        return FileReport(file_name, ImportStatus.FAILED, problems=theme_problems + city_problems)
    try:
        owner_city = _check_import_scope(actor, parsed.level)
    except ApplicationError as error:
        return _fail(file_name, parsed.lines.get("level", 0), error.message)
    sha = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        existing = None
        if parsed.document_number:
            existing = (
                Policy.objects.select_for_update()
                .filter(document_number=parsed.document_number)
                .first()
            )
        if existing is not None:
            return _merge_duplicate(actor, file_name, existing, parsed, sha)
        department, _created = Department.objects.get_or_create(
            name_zh=parsed.department, defaults={"name_en": ""}
        )
        policy = Policy.objects.create(
            title_zh=parsed.title,
            document_number=parsed.document_number,
            level=parsed.level,
            department=department,
            published_on=parsed.published_on,
            effective_from=parsed.effective_from,
            expires_on=parsed.expires_on,
            body_zh=parsed.body,
            source_url=parsed.source_url,
            owner_city=owner_city,
            is_published=publish,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        policy.themes.set(themes)
        policy.cities.set(cities)
        PolicySource.objects.create(
            policy=policy,
            script=parsed.script,
            file_name=file_name[:255],
            text=parsed.source_text,
            sha256=sha,
            imported_by=policy.created_by,
        )
        policy_index(policy)
        audit_record(actor=actor, action="policy.import", obj=policy, note=file_name)
        if publish:
            public_pages_changed()
    return FileReport(file_name, ImportStatus.CREATED, policy=policy)


def _merge_duplicate(
    actor: Any, file_name: str, existing: Policy, parsed: Any, sha: str
) -> FileReport:
    if existing.sources.filter(sha256=sha).exists():
        return FileReport(file_name, ImportStatus.UNCHANGED, policy=existing)
    if normalise(existing.body_zh) != parsed.body:
        return _fail(
            file_name,
            parsed.lines.get("document_number", 0),
            _(
                "A different policy with the document number %(number)s is already in the "
                "library (“%(title)s”): nothing imported."
            )
            % {"number": parsed.document_number, "title": existing.title_zh},
        )
    PolicySource.objects.create(
        policy=existing,
        script=parsed.script,
        file_name=file_name[:255],
        text=parsed.source_text,
        sha256=sha,
        imported_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(actor=actor, action="policy.import_script", obj=existing, note=file_name)
    return FileReport(file_name, ImportStatus.ADDED_SCRIPT, policy=existing)


def policy_attach_english(*, actor: Any, policy: Policy, file_name: str, data: bytes) -> FileReport:
    """Keep an English rendering (plain text or Markdown) of a policy, for reference."""
    if actor is not None and not selectors.can_edit_policy(actor, policy):
        raise PermissionDeniedError()
    text = decode(data)
    if text is None or not text.strip():
        return _fail(file_name, 0, _("The English rendering is empty or not UTF-8 text."))
    sha = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        policy.body_en = text.strip()
        policy.save(update_fields=["body_en", "updated_at"])
        PolicySource.objects.get_or_create(
            policy=policy,
            sha256=sha,
            defaults={
                "script": PolicySource.Script.ENGLISH,
                "file_name": file_name[:255],
                "text": text,
                "imported_by": actor if getattr(actor, "pk", None) else None,
            },
        )
        policy_index(policy)
        audit_record(actor=actor, action="policy.english", obj=policy, note=file_name)
        public_pages_changed()
    return FileReport(file_name, ImportStatus.ENGLISH, policy=policy)


def _stem(name: str) -> str:
    return PurePosixPath(name).name.split(".", 1)[0]


def policy_import_batch(
    *, actor: Any, files: list[tuple[str, bytes]], publish: bool = True
) -> list[FileReport]:
    """Import many documents, each on its own (one failure does not stop the others). An
    English rendering (`name.en.md`) is attached to the policy imported from a Chinese file
    with the same name stem in the same batch."""
    if actor is not None and not selectors.can_manage_policies(actor):
        raise PermissionDeniedError()
    reports: list[FileReport] = []
    imported: dict[str, Policy] = {}
    english: list[tuple[str, bytes]] = []
    for name, data in files:
        if name.lower().endswith(ENGLISH_SUFFIXES):
            english.append((name, data))
            continue
        if not name.lower().endswith(TEXT_SUFFIXES):
            reports.append(_fail(name, 0, _("Not a .txt or .md file: skipped.")))
            continue
        report = policy_import_text(actor=actor, file_name=name, data=data, publish=publish)
        reports.append(report)
        if report.policy is not None:
            imported[_stem(name)] = report.policy
    for name, data in english:
        policy = imported.get(_stem(name))
        if policy is None:
            reports.append(
                _fail(
                    name,
                    0,
                    _("No Chinese document named “%(stem)s” in this batch to attach it to.")
                    % {"stem": _stem(name)},
                )
            )
            continue
        try:
            reports.append(
                policy_attach_english(actor=actor, policy=policy, file_name=name, data=data)
            )
        except PermissionDeniedError:
            reports.append(_fail(name, 0, _("You may not change that policy.")))
    return reports


def read_zip(data: bytes) -> list[tuple[str, bytes]]:
    """The text files of a zip archive, refusing archives too large or too many files."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ApplicationError("bad_zip", _("The file is not a readable zip archive.")) from exc
    members = [
        m
        for m in archive.infolist()
        if not m.is_dir()
        and not PurePosixPath(m.filename).name.startswith(".")
        and "__MACOSX" not in m.filename
    ]
    if len(members) > MAX_BATCH_FILES:
        raise ApplicationError(
            "too_many_files",
            _("The archive holds more than %(n)d files.") % {"n": MAX_BATCH_FILES},
        )
    if sum(m.file_size for m in members) > MAX_BATCH_BYTES:
        raise ApplicationError("too_large", _("The archive unpacks to more than 50 MB."))
    return [(m.filename, archive.read(m)) for m in sorted(members, key=lambda m: m.filename)]


# --- Editing policies -------------------------------------------------------------------

POLICY_FIELDS = (
    "title_zh",
    "title_en",
    "document_number",
    "level",
    "department",
    "published_on",
    "effective_from",
    "expires_on",
    "status",
    "superseded_by",
    "body_zh",
    "body_en",
    "source_url",
    "is_published",
)


def _validate_policy(policy: Policy) -> None:
    if policy.status == Policy.Status.SUPERSEDED and policy.superseded_by_id is None:
        raise ApplicationError(
            "superseded_without_successor",
            _("Name the policy that supersedes this one."),
            fields={"superseded_by": _("Required for a superseded policy.")},
        )
    if policy.superseded_by_id and policy.superseded_by_id == policy.pk:
        raise ApplicationError(
            "supersedes_itself",
            _("A policy cannot supersede itself."),
            fields={"superseded_by": _("Choose another policy.")},
        )
    if policy.status != Policy.Status.SUPERSEDED:
        policy.superseded_by = None
    if policy.expires_on and policy.effective_from and policy.expires_on < policy.effective_from:
        raise ApplicationError(
            "expires_before_effective",
            _("The expiry date is before the date it takes effect."),
            fields={"expires_on": _("Must be on or after the date it takes effect.")},
        )
    if policy.level in (Level.NATIONAL, Level.PROVINCIAL) and policy.owner_city_id:
        raise ApplicationError(
            "level_not_allowed",
            _("City admins manage municipal and district policies only."),
            fields={"level": _("Choose municipal or district.")},
        )


def policy_save(
    *,
    actor: Any,
    policy: Policy | None,
    data: dict[str, Any],
    themes: list[Theme],
    cities: list[City],
) -> Policy:
    """Create a policy (policy None) or change one; refuses a duplicate document number and
    a superseded status without its successor."""
    creating = policy is None
    if creating:
        if not selectors.can_manage_policies(actor):
            raise PermissionDeniedError()
        policy = Policy(owner_city=selectors.owner_city_for(actor), created_by=actor)
    elif not selectors.can_edit_policy(actor, policy):
        raise PermissionDeniedError()
    before = {name: str(getattr(policy, name, "")) for name in POLICY_FIELDS}
    for name in POLICY_FIELDS:
        if name in data:
            setattr(policy, name, data[name])
    policy.body_zh = normalise(policy.body_zh)
    policy.document_number = (policy.document_number or "").strip()
    _validate_policy(policy)
    try:
        with transaction.atomic():
            policy.save()
            policy.themes.set(themes)
            policy.cities.set(cities)
            policy_index(policy)
            after = {name: str(getattr(policy, name, "")) for name in POLICY_FIELDS}
            audit_record(
                actor=actor,
                action="policy.create" if creating else "policy.update",
                obj=policy,
                changes={k: [before[k], after[k]] for k in POLICY_FIELDS if before[k] != after[k]},
                city_code=policy.owner_city.code if policy.owner_city_id else "",
            )
            public_pages_changed()
    except IntegrityError as exc:
        raise ApplicationError(
            "duplicate_document_number",
            _("Another policy already has this document number."),
            fields={"document_number": _("Already in the library.")},
        ) from exc
    return policy


def attachment_add(*, actor: Any, policy: Policy, title: str, upload: Any) -> PolicyAttachment:
    """Attach a PDF or image to a policy; refuses other kinds and files over the limit."""
    if not selectors.can_edit_policy(actor, policy):
        raise PermissionDeniedError()
    if is_too_large(upload):
        raise ApplicationError(
            "too_large", _("The file is too large."), fields={"file": _("The file is too large.")}
        )
    mime = document_mime(upload)
    if mime is None:
        raise ApplicationError(
            "bad_file_type",
            _("Attach a PDF, JPEG or PNG file."),
            fields={"file": _("Attach a PDF, JPEG or PNG file.")},
        )
    upload.seek(0)
    digest = hashlib.sha256(upload.read()).hexdigest()
    upload.seek(0)
    with transaction.atomic():
        attachment = PolicyAttachment(
            policy=policy,
            title=title.strip()[:200] or upload.name[:200],
            content_type=mime,
            size=upload.size,
            sha256=digest,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        audit_record(actor=actor, action="policy.attachment_add", obj=policy, note=attachment.title)
        public_pages_changed()
    return attachment


# --- Interpretations --------------------------------------------------------------------


def interpretation_save(
    *,
    actor: Any,
    policy: Policy,
    interpretation: Interpretation | None,
    data: dict[str, Any],
) -> Interpretation:
    """Write or change a plain-language explanation of a policy."""
    if not selectors.can_interpret(actor) and not selectors.can_edit_policy(actor, policy):
        raise PermissionDeniedError()
    if not (data.get("title_zh") or "").strip() or not (data.get("body_zh") or "").strip():
        raise ApplicationError(
            "required", _("Write at least the Chinese title and text."), fields={}
        )
    creating = interpretation is None
    if creating:
        interpretation = Interpretation(policy=policy, author=actor)
    for name in ("title_zh", "title_en", "body_zh", "body_en", "is_published"):
        if name in data:
            setattr(interpretation, name, data[name])
    with transaction.atomic():
        interpretation.save()
        interpretation_index(interpretation)
        audit_record(
            actor=actor,
            action="interpretation.create" if creating else "interpretation.update",
            obj=interpretation,
        )
        public_pages_changed()
    return interpretation


# --- Benefits ---------------------------------------------------------------------------


@dataclass
class ConditionSpec:
    """A condition as a form or the API gives it, checked before it is written."""

    kind: str
    number: int | None = None
    degree_level: Any = None
    codes: list[str] = field(default_factory=list)
    overseas_only: bool = True


NUMERIC_KINDS = {ConditionKind.AGE_MAX, ConditionKind.YEARS_SINCE_RETURN_MAX}
LIST_KINDS = {
    ConditionKind.STUDY_COUNTRY,
    ConditionKind.DISCIPLINE,
    ConditionKind.PROGRAMME_TITLE,
    ConditionKind.RETURNEE_STATUS,
}


def _check_condition(spec: ConditionSpec, position: int) -> None:
    label = ConditionKind(spec.kind).label
    if spec.kind in NUMERIC_KINDS and not spec.number:
        raise ApplicationError(
            "condition_number",
            _("Condition %(n)d (%(kind)s) needs a number.") % {"n": position, "kind": label},
        )
    if spec.kind == ConditionKind.DEGREE_MIN and spec.degree_level is None:
        raise ApplicationError(
            "condition_degree",
            _("Condition %(n)d (%(kind)s) needs a degree level.") % {"n": position, "kind": label},
        )
    if spec.kind in LIST_KINDS and not spec.codes:
        raise ApplicationError(
            "condition_values",
            _("Condition %(n)d (%(kind)s) needs at least one value.")
            % {"n": position, "kind": label},
        )


BENEFIT_FIELDS = (
    "title_zh",
    "title_en",
    "what_you_get_zh",
    "what_you_get_en",
    "amount_yuan",
    "amount_period",
    "how_to_apply_zh",
    "how_to_apply_en",
    "service_item",
    "apply_from",
    "apply_until",
)


def benefit_save(
    *,
    actor: Any,
    policy: Policy,
    benefit: Benefit | None,
    data: dict[str, Any],
    conditions: list[ConditionSpec],
) -> Benefit:
    """Describe a benefit of a policy with its conditions (replacing the old conditions).
    Only province admins, and city admins for their city's policies, describe benefits."""
    if not selectors.can_manage_policies(actor):
        raise PermissionDeniedError()
    if benefit is None and not (
        is_province_admin(actor) or selectors.can_edit_policy(actor, policy)
    ):
        raise PermissionDeniedError()
    if benefit is not None and not selectors.can_edit_benefit(actor, benefit):
        raise PermissionDeniedError()
    if not conditions:
        raise ApplicationError(
            "no_conditions", _("Describe at least one condition of who qualifies.")
        )
    for position, spec in enumerate(conditions, start=1):
        _check_condition(spec, position)
    if (
        data.get("apply_from")
        and data.get("apply_until")
        and data["apply_until"] < data["apply_from"]
    ):
        raise ApplicationError(
            "deadline_before_opening",
            _("The deadline is before applications open."),
            fields={"apply_until": _("Must be on or after the opening date.")},
        )
    creating = benefit is None
    if creating:
        benefit = Benefit(
            policy=policy, owner_city=selectors.owner_city_for(actor), created_by=actor
        )
    for name in BENEFIT_FIELDS:
        if name in data:
            setattr(benefit, name, data[name])
    with transaction.atomic():
        benefit.save()
        benefit.conditions.all().delete()
        BenefitCondition.objects.bulk_create(
            [
                BenefitCondition(
                    benefit=benefit,
                    kind=spec.kind,
                    number=spec.number if spec.kind in NUMERIC_KINDS else None,
                    degree_level=spec.degree_level
                    if spec.kind == ConditionKind.DEGREE_MIN
                    else None,
                    codes=[str(c).strip() for c in spec.codes if str(c).strip()],
                    overseas_only=spec.overseas_only,
                )
                for spec in conditions
            ]
        )
        audit_record(
            actor=actor, action="benefit.create" if creating else "benefit.update", obj=benefit
        )
        if benefit.status == Benefit.Status.PUBLISHED:
            public_pages_changed()
            _schedule_notices(benefit)
    return benefit


def benefit_publish(*, actor: Any, benefit: Benefit) -> Benefit:
    """Publish a draft or withdrawn benefit; talents who qualify are told in the background."""
    if not selectors.can_edit_benefit(actor, benefit):
        raise PermissionDeniedError()
    if benefit.status == Benefit.Status.PUBLISHED:
        raise ApplicationError("already_published", _("This benefit is already published."))
    if not benefit.policy.is_published:
        raise ApplicationError(
            "policy_unpublished", _("Publish the policy before publishing its benefits.")
        )
    with transaction.atomic():
        benefit.status = Benefit.Status.PUBLISHED
        benefit.published_at = timezone.now()
        benefit.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(actor=actor, action="benefit.publish", obj=benefit)
        public_pages_changed()
        _schedule_notices(benefit)
    return benefit


def benefit_withdraw(*, actor: Any, benefit: Benefit) -> Benefit:
    if not selectors.can_edit_benefit(actor, benefit):
        raise PermissionDeniedError()
    if benefit.status != Benefit.Status.PUBLISHED:
        raise ApplicationError("not_published", _("Only a published benefit can be withdrawn."))
    with transaction.atomic():
        benefit.status = Benefit.Status.WITHDRAWN
        benefit.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="benefit.withdraw", obj=benefit)
        public_pages_changed()
    return benefit


def _schedule_notices(benefit: Benefit) -> None:
    from returnee_home.policies.tasks import notify_qualifying_talents

    benefit_id = benefit.pk
    transaction.on_commit(lambda: notify_qualifying_talents.delay(benefit_id))
