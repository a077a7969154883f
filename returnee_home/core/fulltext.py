"""Segmented full-text search for Chinese and English text, on PostgreSQL and on SQLite.

Chinese has no spaces between words, so text is cut into words with jieba before it is
indexed; English words are lower-cased. Traditional characters are converted to Simplified
(OpenCC `t2s`) and pinyin readings written in brackets after characters (a syllable with a
tone mark such as `(fā)` right after a character) are removed,
on both the indexed text and the query, so that a query typed in either script finds a
document stored in either.

The index is a table per searchable kind of thing, a concrete subclass of `SearchIndexBase`
with two word columns: `head_words` (titles, numbers: ranked higher) and `body_words`.

* PostgreSQL: a trigger keeps `vector` (tsvector, `simple` configuration, head weighted A and
  body B) up to date on every insert and update, a GIN index serves `@@`, `ts_rank` ranks.
* SQLite: an FTS5 table (external content, unicode61 tokenizer over the already segmented
  words) is kept in step by triggers; `bm25()` ranks.

Both are created by one migration operation, so every writer (bulk_create, update, raw SQL)
keeps the index right without remembering to. SQLite rebuilds a table to add or alter a
column, which drops its triggers: a migration that changes an index table's columns must end
with `CreateFullTextIndex` again (it is idempotent and rebuilds the FTS table from the rows).

Usage, e.g. in `jobs`::

    # models.py
    class PostingSearchEntry(SearchIndexBase):
        posting = models.OneToOneField(Posting, on_delete=models.CASCADE)

    # migration, after the CreateModel of PostingSearchEntry
    from returnee_home.core.fulltext import CreateFullTextIndex
    operations = [..., CreateFullTextIndex("jobs", "postingsearchentry")]

    # actions.py, whenever a posting is written
    PostingSearchEntry.objects.update_or_create(
        posting=posting,
        defaults={"head_words": index_words(posting.title_zh, posting.title_en),
                  "body_words": index_words(posting.description_zh, posting.description_en)},
    )

    # selectors.py
    query = parse_query(request.GET["q"])
    entries = ranked(PostingSearchEntry.objects.filter(posting__city=city), query)
    # entries are ordered best first and carry `.rank`; highlight what you show:
    highlight(posting.title, query.terms)         # safe HTML with <mark>…</mark>
    excerpt(posting.description, query.terms)     # a window around the first match, marked

Query syntax (as on web search engines): words are all required; `A OR B` either; `-word`
excludes; Latin words also match longer words that start with them (`student` finds
`students`). Punctuation is ignored, so a query cannot inject syntax into either engine.
"""

import html
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations, models
from django.db.models import F, QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# Words of the returnee-service domain that jieba's general dictionary would cut apart.
DOMAIN_WORDS = (
    "人才公寓",
    "留学回国",
    "留学人员",
    "海外人才",
    "博士后",
    "高层次人才",
    "创业担保贷款",
    "职称评审",
    "落户",
    "学历认证",
    "社保补贴",
    "人事代理",
    "档案托管",
    "留创园",
    "人社厅",
    "人社局",
    "安家补贴",
    "生活补贴",
    "购房补贴",
    "租房补贴",
    "一站式",
)
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 在 是 为 对 等 之 其 将 由 并 以 于 "
    "a an the of and or for to in on at by with from as is are be this that it".split()
)
MAX_INDEX_CHARS = 400_000  # well inside PostgreSQL's 1 MB tsvector limit
LATIN_PREFIX_MIN = 3

_WORD = re.compile(r"\w+", re.UNICODE)
_LATIN = re.compile(r"^[a-z0-9]+$")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_READING = re.compile(
    rf"(?<=[{_HAN}])[（(]([a-zü{_TONE_MARKS}]{{1,7}})[)）]",
)
_jieba_lock = threading.Lock()
_opencc_lock = threading.Lock()


# --- Text normalisation -----------------------------------------------------------------


def strip_readings(text: str) -> str:
    """Remove pinyin readings in brackets after Chinese characters (`(fā)` after a character).

    A bracket counts as a reading only if it directly follows a Chinese character, holds one
    lower-case syllable and carries a tone mark, so `展(显)示屏` and `(returnees)` stay."""

    def replace(match: re.Match[str]) -> str:
        syllable = match.group(1)
        return "" if any(ch in _TONE_MARKS for ch in syllable) else match.group(0)

    return _READING.sub(replace, text)


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters converted to Simplified (OpenCC `t2s`); other text unchanged."""
    if not text:
        return ""
    converter = _converter()
    with _opencc_lock:
        return str(converter.convert(text))


def normalise(text: str) -> str:
    """The searchable, displayable form of Chinese text received in any script: readings
    removed, Simplified characters, and full-width Latin letters and digits made half-width."""
    if not text:
        return ""
    text = strip_readings(text)
    text = "".join(
        unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" else ch for ch in text
    )
    return to_simplified(text)


# --- Segmentation -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _jieba() -> Any:
    with _jieba_lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word in DOMAIN_WORDS:
            jieba.add_word(word)
        return jieba


def warm_up() -> None:
    """Load jieba's dictionary (about a second) in a daemon thread, ahead of the first search."""
    threading.Thread(target=_jieba, name="fulltext-warm-up", daemon=True).start()


def _clean(words: Iterable[str]) -> list[str]:
    out = []
    for word in words:
        for part in _WORD.findall(word.lower()):
            part = part.strip("_")
            if part and part not in STOP_WORDS:
                out.append(part)
    return out


def segment(text: str) -> list[str]:
    """The words of `text` for indexing, in order, repeats kept (they count for ranking):
    jieba's search-engine cut, so `留学人员之家` yields `留学`, `人员`, `留学人员`, `之家`."""
    text = normalise(text)
    if not text:
        return []
    return _clean(_jieba().lcut_for_search(text))


def index_words(*texts: str | None) -> str:
    """Space-separated words of the texts, ready for `head_words` or `body_words`."""
    joined = "\n".join(t for t in texts if t)
    return " ".join(segment(joined[:MAX_INDEX_CHARS]))[:MAX_INDEX_CHARS]


# --- Queries ----------------------------------------------------------------------------


def _light_stem(word: str) -> str:
    """Strip an English plural so that the prefix match finds both forms."""
    if not _LATIN.match(word) or word.isdigit() or len(word) <= 4:
        return word
    if word.endswith("ies"):
        return word[:-3]
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Term:
    """One searched word; `parts` are its finer pieces (any match when all of them match)."""

    word: str
    parts: tuple[str, ...] = ()

    @property
    def is_prefix(self) -> bool:
        return bool(_LATIN.match(self.word)) and not self.word.isdigit() and len(self.word) >= 3


@dataclass
class ParsedQuery:
    """A query: `groups` must all match (each group matches if any of its terms does);
    `excluded` must not. `terms` lists the words to highlight."""

    text: str = ""
    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def terms(self) -> list[str]:
        words: list[str] = []
        for group in self.groups:
            for term in group:
                for w in (term.word, *term.parts):
                    if w not in words:
                        words.append(w)
        return words

    # PostgreSQL tsquery ----------------------------------------------------------------
    @staticmethod
    def _ts_word(word: str, prefix: bool) -> str:
        quoted = "'" + word.replace("\\", "").replace("'", "''") + "'"
        return quoted + (":*" if prefix else "")

    def _ts_term(self, term: Term) -> str:
        whole = self._ts_word(term.word, term.is_prefix)
        if not term.parts:
            return whole
        parts = " & ".join(self._ts_word(p, False) for p in term.parts)
        return f"({whole} | ({parts}))"

    def to_tsquery(self) -> str:
        clauses = ["(" + " | ".join(self._ts_term(t) for t in g) + ")" for g in self.groups]
        clauses += ["!" + self._ts_term(t) for t in self.excluded]
        return " & ".join(clauses)

    # SQLite FTS5 MATCH -----------------------------------------------------------------
    @staticmethod
    def _fts_word(word: str, prefix: bool) -> str:
        return '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")

    def _fts_term(self, term: Term) -> str:
        whole = self._fts_word(term.word, term.is_prefix)
        if not term.parts:
            return whole
        parts = " AND ".join(self._fts_word(p, False) for p in term.parts)
        return f"({whole} OR ({parts}))"

    def to_fts5(self) -> str:
        match = " AND ".join(
            "(" + " OR ".join(self._fts_term(t) for t in g) + ")" for g in self.groups
        )
        for term in self.excluded:
            match = f"({match}) NOT {self._fts_term(term)}"
        return match


def _terms_of(chunk: str) -> list[Term]:
    jieba = _jieba()
    terms: list[Term] = []
    for word in _clean(jieba.lcut(normalise(chunk))):
        word = _light_stem(word)
        parts = tuple(p for p in _clean(jieba.lcut_for_search(word)) if p != word)
        term = Term(word, parts if len(parts) > 1 else ())
        if term not in terms:
            terms.append(term)
    return terms


def parse_query(text: str, *, max_length: int = 200) -> ParsedQuery:
    """Turn what a person typed into a query (see the module docstring for the syntax)."""
    text = (text or "").strip()[:max_length]
    query = ParsedQuery(text=text)
    pending_or = False
    for chunk in text.split():
        if chunk == "OR":
            pending_or = bool(query.groups)
            continue
        if chunk.startswith("-") and len(chunk) > 1:
            query.excluded.extend(_terms_of(chunk[1:]))
            pending_or = False
            continue
        terms = _terms_of(chunk)
        if not terms:
            continue
        if pending_or:
            # `A OR B`: B's first word joins A's last group; its other words are required.
            query.groups[-1].append(terms[0])
            terms = terms[1:]
            pending_or = False
        query.groups.extend([t] for t in terms)
    return query


# --- The index --------------------------------------------------------------------------


class SearchIndexBase(models.Model):
    """One searchable document. Abstract: each app declares its own index table with a link
    to what it indexes, and adds `CreateFullTextIndex` to the migration that creates it."""

    head_words = models.TextField(_("indexed title words"), blank=True, default="")
    body_words = models.TextField(_("indexed text words"), blank=True, default="")
    # Filled by a database trigger on PostgreSQL; unused (always NULL) on SQLite.
    vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        abstract = True


# Table names below come from model metadata, never from input.
def _fts_table(table: str) -> str:
    return f"{table}_fts"


def _sqlite_install(table: str) -> list[str]:
    fts = _fts_table(table)
    insert = f"INSERT INTO {fts}(rowid, head_words, body_words)"
    delete = f"INSERT INTO {fts}({fts}, rowid, head_words, body_words)"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(head_words, body_words, "
        f"content='{table}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_ai AFTER INSERT ON {table} BEGIN "  # noqa: S608
        f"{insert} VALUES (new.id, new.head_words, new.body_words); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_ad AFTER DELETE ON {table} BEGIN "
        f"{delete} VALUES ('delete', old.id, old.head_words, old.body_words); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_au AFTER UPDATE OF head_words, body_words "
        f"ON {table} BEGIN "
        f"{delete} VALUES ('delete', old.id, old.head_words, old.body_words); "
        f"{insert} VALUES (new.id, new.head_words, new.body_words); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
    ]


def _sqlite_uninstall(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_fts_ai",
        f"DROP TRIGGER IF EXISTS {table}_fts_ad",
        f"DROP TRIGGER IF EXISTS {table}_fts_au",
        f"DROP TABLE IF EXISTS {_fts_table(table)}",
    ]


def _postgres_install(table: str) -> list[str]:
    return [
        f"CREATE OR REPLACE FUNCTION {table}_vector() RETURNS trigger AS $$ BEGIN "
        "NEW.vector := setweight(to_tsvector('simple', coalesce(NEW.head_words, '')), 'A') "
        "|| setweight(to_tsvector('simple', coalesce(NEW.body_words, '')), 'B'); "
        "RETURN NEW; END $$ LANGUAGE plpgsql",
        f"DROP TRIGGER IF EXISTS {table}_vector_trigger ON {table}",
        f"CREATE TRIGGER {table}_vector_trigger BEFORE INSERT OR UPDATE OF head_words, "
        f"body_words ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_vector()",
        f"CREATE INDEX IF NOT EXISTS {table}_vector_gin ON {table} USING gin (vector)",
        f"UPDATE {table} SET head_words = head_words",  # noqa: S608
    ]


def _postgres_uninstall(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_vector_trigger ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_vector()",
        f"DROP INDEX IF EXISTS {table}_vector_gin",
    ]


class CreateFullTextIndex(migrations.operations.base.Operation):
    """Migration operation: the search structures of one `SearchIndexBase` table (trigger and
    GIN index on PostgreSQL, FTS5 table and triggers on SQLite). Reversible."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, app_label: str, model_name: str) -> None:
        self.app_label = app_label
        self.model_name = model_name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [self.app_label, self.model_name], {})

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _run(self, schema_editor: Any, to_state: Any, install: bool) -> None:
        model = to_state.apps.get_model(self.app_label, self.model_name)
        table = model._meta.db_table
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            statements = _postgres_install(table) if install else _postgres_uninstall(table)
        elif vendor == "sqlite":
            statements = _sqlite_install(table) if install else _sqlite_uninstall(table)
        else:
            # The product runs on PostgreSQL (production) and SQLite (embedded default) only.
            raise ImproperlyConfigured(
                f"Full-text search indexes need PostgreSQL or SQLite, not {vendor}."
            )
        for statement in statements:
            schema_editor.execute(statement, params=None)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._run(schema_editor, to_state, install=True)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._run(schema_editor, from_state, install=False)

    def describe(self) -> str:
        return f"Full-text index of {self.app_label}.{self.model_name}"


def ranked(queryset: QuerySet[Any], query: ParsedQuery | str) -> QuerySet[Any]:
    """The entries of `queryset` (a `SearchIndexBase` table, filtered as the caller likes)
    that match `query`, best first, each with `rank` (higher is better). An empty query
    matches nothing."""
    if isinstance(query, str):
        query = parse_query(query)
    if query.is_empty:
        return queryset.none()
    connection_vendor = _vendor(queryset)
    if connection_vendor == "postgresql":
        tsquery = SearchQuery(query.to_tsquery(), search_type="raw", config="simple")
        return (
            queryset.filter(vector=tsquery)
            .annotate(rank=SearchRank(F("vector"), tsquery))
            .order_by("-rank", "-pk")
        )
    table = queryset.model._meta.db_table
    fts = _fts_table(table)
    # Column weights: a word in the title counts four times one in the text.
    return queryset.extra(  # noqa: S610  (fixed SQL; the query is a bound parameter)
        select={"rank": f"-bm25({fts}, 4.0, 1.0)"},
        tables=[fts],
        where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
        params=[query.to_fts5()],
    ).order_by("-rank", "-pk")


def _vendor(queryset: QuerySet[Any]) -> str:
    from django.db import connections

    return connections[queryset.db].vendor


# --- Showing matches --------------------------------------------------------------------


def _pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        escaped = re.escape(term)
        if _LATIN.match(term) and not term.isdigit():
            alternatives.append(rf"\b{escaped}\w*")
        else:
            alternatives.append(escaped)
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """`text` as HTML-escaped markup with every occurrence of the terms in `<mark>`."""
    text = text or ""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(html.escape(text))  # noqa: S308  (escaped just here)
    out: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[position : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    out.append(html.escape(text[position:]))
    # Adjacent words matched separately read as one highlighted phrase.
    return mark_safe("".join(out).replace("</mark><mark>", ""))  # noqa: S308  (every piece escaped above)


def excerpt(text: str, terms: Iterable[str], *, length: int = 160) -> SafeString:
    """A window of about `length` characters of `text` around the first match, highlighted,
    with an ellipsis where it was cut; the start of the text when nothing matches."""
    text = " ".join((text or "").split())
    terms = list(terms)
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = 0
    if match is not None and match.start() > length // 3:
        start = match.start() - length // 3
    end = min(len(text), start + length)
    window = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(  # noqa: S308  (highlight escapes)
        html.escape(prefix) + highlight(window, terms) + html.escape(suffix)
    )
