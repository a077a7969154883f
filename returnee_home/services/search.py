"""Catalogue search words: Chinese segmented with jieba, English lower-cased.

jieba loads a dictionary of ~350,000 words (about a second); it is loaded once per process,
lazily, or ahead of the first request by `warm_up()` in a background thread at start-up."""

import logging
import re
import threading
from functools import lru_cache
from typing import Any

from django.db.models import Q

# Domain words jieba's general dictionary does not know as words.
DOMAIN_WORDS = (
    "人才公寓",
    "留学回国",
    "留学人员",
    "博士后",
    "高层次人才",
    "创业担保贷款",
    "职称评审",
    "落户",
    "学历认证",
    "社保补贴",
    "人事代理",
    "档案托管",
)
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 在 是 为 对 等 之 其 the a an of and or for to in on".split()
)
_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba() -> Any:
    with _lock:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word in DOMAIN_WORDS:
            jieba.add_word(word)
        return jieba


def warm_up() -> None:
    """Load the dictionary in a daemon thread so the first search does not wait for it."""
    threading.Thread(target=_jieba, name="jieba-warm-up", daemon=True).start()


def _tokens(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        word = _PUNCTUATION.sub("", word.lower())
        if word and word not in STOP_WORDS and word not in out:
            out.append(word)
    return out


def search_words(*texts: str) -> str:
    """The words to index for the given texts, space separated (search-engine cut, so both
    人才公寓 and 人才, 公寓 are there), after the raw texts so a substring still matches."""
    joined = " ".join(t for t in texts if t)
    words = _tokens(_jieba().lcut_for_search(joined))
    return (" ".join(words) + " " + joined.lower())[:20000]


def query_condition(query: str, field: str = "search_text") -> Q | None:
    """A condition matching rows whose search words contain every word of the query; a word
    that is not found as written matches when all of its finer parts are found."""
    query = query.strip()[:100]
    if not query:
        return None
    jieba = _jieba()
    condition = Q()
    for word in _tokens(jieba.lcut(query)):
        alternative = Q(**{f"{field}__icontains": word})
        parts = [p for p in _tokens(jieba.lcut_for_search(word)) if p != word]
        if len(parts) > 1:
            finer = Q()
            for part in parts:
                finer &= Q(**{f"{field}__icontains": part})
            alternative |= finer
        condition &= alternative
    return condition
