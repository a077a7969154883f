"""Reading policy documents in the plain-text format the province publishes them in:

    发布时间:2020-08-28
    政策级别:省级
    发文部门:江苏省人力资源和社会保障厅
    政策主题:资质荣誉
    苏人社函〔2020〕212号
    各设区市人力资源和社会保障局:
    ...the body...

Header keys may be followed by a full-width or a half-width colon; optional header lines
`标题`, `文号`, `施行日期`, `失效日期`, `适用城市` and `原文链接` are understood too. The text
may arrive in Simplified or Traditional characters, with or without pinyin readings in
brackets (a syllable such as `(fā)` after a character): the header is read from the normalised text, the source is kept
as received.

`parse_policy_text` never writes anything: it returns the parsed document or every problem
found, each with its line number, so that an import is all or nothing per file."""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from returnee_home.core.fulltext import normalise, strip_readings, to_simplified
from returnee_home.policies.models import Level, PolicySource

HEADER = re.compile(r"^\s*([^:：]{2,6})\s*[:：]\s*(.*?)\s*$")
KEYS = {
    "发布时间": "published_on",
    "发布日期": "published_on",
    "政策级别": "level",
    "发文部门": "department",
    "发文机关": "department",
    "政策主题": "themes",
    "标题": "title",
    "政策名称": "title",
    "文号": "document_number",
    "施行日期": "effective_from",
    "生效日期": "effective_from",
    "失效日期": "expires_on",
    "有效期至": "expires_on",
    "适用城市": "cities",
    "适用地区": "cities",
    "原文链接": "source_url",
    "来源": "source_url",
}
REQUIRED = ("published_on", "level", "department", "themes")
LEVELS = {
    "国家级": Level.NATIONAL,
    "国家": Level.NATIONAL,
    "national": Level.NATIONAL,
    "省级": Level.PROVINCIAL,
    "省": Level.PROVINCIAL,
    "provincial": Level.PROVINCIAL,
    "市级": Level.MUNICIPAL,
    "市": Level.MUNICIPAL,
    "设区市级": Level.MUNICIPAL,
    "municipal": Level.MUNICIPAL,
    "区级": Level.DISTRICT,
    "县级": Level.DISTRICT,
    "区县级": Level.DISTRICT,
    "区(县)级": Level.DISTRICT,
    "district": Level.DISTRICT,
}
DOCUMENT_NUMBER = re.compile(r"^\S{1,20}[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*\d{1,5}\s*号$")
DATE_FORMATS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
LIST_SEPARATORS = re.compile(r"[、,，;；/\s]+")
TITLE_PATTERNS = (
    (re.compile(r"决定(?:在全省)?开展(.{2,40}?工作)"), "关于开展{}的通知"),
    (re.compile(r"现将(.{2,40}?)(?:通知|公告)如下"), "关于{}的通知"),
)
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass
class Problem:
    """One thing wrong with a file: the line it is on (0: the file as a whole) and what."""

    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass
class ParsedPolicy:
    """What a file says, normalised; names of themes, cities and the department unresolved."""

    source_text: str
    script: str
    title: str
    document_number: str
    level: str
    department: str
    themes: list[str]
    published_on: dt.date
    effective_from: dt.date | None
    expires_on: dt.date | None
    cities: list[str]
    source_url: str
    body: str
    lines: dict[str, int] = field(default_factory=dict)


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without a byte-order mark), else GB18030; None when neither."""
    if len(data) > MAX_FILE_BYTES:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def detect_script(text: str) -> str:
    if strip_readings(text) != text:
        return PolicySource.Script.READINGS
    if to_simplified(text) != text:
        return PolicySource.Script.TRADITIONAL
    return PolicySource.Script.SIMPLIFIED


def parse_date(value: str) -> dt.date | None:
    value = value.replace(" ", "")
    for pattern in DATE_FORMATS:
        match = pattern.match(value)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    return None


def derive_title(body: str) -> str:
    for pattern, template in TITLE_PATTERNS:
        match = pattern.search(body)
        if match:
            return template.format(match.group(1))
    return ""


def parse_policy_text(text: str) -> tuple[ParsedPolicy | None, list[Problem]]:
    """The document in `text`, or None and the problems found (all of them, in line order)."""
    problems: list[Problem] = []
    lines = normalise(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    index = 0
    while index < len(lines):
        raw = lines[index].strip()
        if not raw:
            index += 1
            continue
        match = HEADER.match(raw)
        key = KEYS.get(match.group(1).strip()) if match else None
        if key is None:
            break
        if key in values:
            problems.append(
                Problem(
                    index + 1,
                    _("The header line “%(key)s” appears twice.")
                    % {"key": match.group(1).strip() if match else key},
                )
            )
        values[key] = match.group(2) if match else ""
        where[key] = index + 1
        index += 1
    header_end = index + 1
    for key in REQUIRED:
        if key not in values:
            problems.append(Problem(header_end, _missing_message(key)))
        elif not values[key]:
            problems.append(Problem(where[key], _("The header line has no value.")))

    if "document_number" not in values:
        number_line = lines[index].strip() if index < len(lines) else ""
        if DOCUMENT_NUMBER.match(number_line.replace(" ", "")):
            values["document_number"] = number_line.replace(" ", "")
            where["document_number"] = index + 1
            index += 1
        else:
            problems.append(
                Problem(
                    index + 1,
                    _(
                        "Expected the document number after the header (e.g. "
                        "苏人社函〔2020〕212号), found “%(text)s”."
                    )
                    % {"text": number_line[:40]},
                )
            )
    body = "\n".join(line.rstrip() for line in lines[index:]).strip()
    if not body:
        problems.append(Problem(index + 1, _("The document has no text after its header.")))

    level = LEVELS.get(values.get("level", "").strip().lower(), "")
    if values.get("level") and not level:
        problems.append(
            Problem(
                where["level"],
                _("Unknown policy level “%(value)s”: use 国家级, 省级, 市级 or 区县级.")
                % {"value": values["level"]},
            )
        )
    dates: dict[str, dt.date | None] = {}
    for key in ("published_on", "effective_from", "expires_on"):
        if values.get(key):
            dates[key] = parse_date(values[key])
            if dates[key] is None:
                problems.append(
                    Problem(
                        where[key],
                        _("“%(value)s” is not a date: write it as 2020-08-28.")
                        % {"value": values[key]},
                    )
                )
    if (
        dates.get("effective_from")
        and dates.get("expires_on")
        and dates["expires_on"] < dates["effective_from"]  # type: ignore[operator]
    ):
        problems.append(
            Problem(where["expires_on"], _("The expiry date is before the date it takes effect."))
        )
    title = values.get("title") or derive_title(body)
    if not title and body:
        problems.append(
            Problem(
                header_end,
                _("No title found: add a header line such as “标题:关于……的通知”."),
            )
        )
    source_url = values.get("source_url", "")
    if source_url and not re.match(r"^https?://\S+$", source_url):
        problems.append(
            Problem(where["source_url"], _("The source link must start with http:// or https://."))
        )
    if problems:
        return None, sorted(problems, key=lambda p: p.line)
    return (
        ParsedPolicy(
            source_text=text,
            script=detect_script(text),
            title=title[:300],
            document_number=values.get("document_number", "")[:100],
            level=level,
            department=values["department"][:200],
            themes=[t for t in LIST_SEPARATORS.split(values["themes"]) if t],
            published_on=dates["published_on"],  # type: ignore[arg-type]
            effective_from=dates.get("effective_from"),
            expires_on=dates.get("expires_on"),
            cities=[c for c in LIST_SEPARATORS.split(values.get("cities", "")) if c],
            source_url=source_url,
            body=body,
            lines=where,
        ),
        [],
    )


def _missing_message(key: str) -> Any:
    names = {
        "published_on": "发布时间",
        "level": "政策级别",
        "department": "发文部门",
        "themes": "政策主题",
    }
    return _("The header line “%(name)s” is missing.") % {"name": names[key]}
