"""Text as the engine sees it: one normal form for both languages (full-width folded, lower
case, traditional characters simplified) and tokens (English words, Chinese words segmented
by a jieba tokenizer of the engine's own, which knows every taxonomy term as a word)."""

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Any

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# An English "word" keeps the characters that make names of technologies (C++, C#, node.js).
_TOKEN = re.compile(rf"[a-z0-9][a-z0-9+#]*(?:\.[a-z0-9+#]+)*|[{_CJK}]+")
_HAS_CJK = re.compile(rf"[{_CJK}]")
STOP_WORDS = frozenset(
    """
    a an and are as at be by can for from has have in is it of on or our the to we will with
    you your who this that these those their they not all any more most other such than then
    experience experienced years year work working good strong ability able skills skill
    knowledge familiar including related relevant responsible etc well team new plus
    的 了 和 与 及 或 在 是 为 对 等 之 其 有 者 并 以上 以及 相关 具有 具备 能够 熟悉 掌握 良好
    负责 经验 优先 要求 工作 能力 我们 公司 岗位 职位 进行 相应 一定 以上学历 年 个 及以上
    """.split()
)
_converter: Any = None


def _t2s(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return str(_converter.convert(text))


@lru_cache(maxsize=50_000)
def normalise(text: str) -> str:
    """One normal form: NFKC (full-width letters and digits folded), lower case, simplified
    Chinese, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    if _HAS_CJK.search(text):
        text = _t2s(text)
    return " ".join(text.split())


class Segmenter:
    """A jieba tokenizer of the engine's own (the search app's global one is left alone), with
    the taxonomy's Chinese terms added so that they come out whole."""

    def __init__(self, words: list[str]) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        for word in words:
            if _HAS_CJK.search(word) and " " not in word:
                self.tokenizer.add_word(word, freq=200_000)
        self._cache: dict[str, tuple[str, ...]] = {}

    def cut(self, run: str) -> tuple[str, ...]:
        cached = self._cache.get(run)
        if cached is None:
            cached = tuple(w for w in self.tokenizer.lcut(run, HMM=False) if w.strip())
            if len(self._cache) < 200_000:
                self._cache[run] = cached
        return cached


def stem(word: str) -> str:
    """A light English stem: plurals folded (models → model, batteries → battery)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str, segmenter: Segmenter) -> list[str]:
    """The words of a normalised text in order: English words as written (C++, node.js), each
    Chinese run cut by jieba. Stop words are kept here (phrases need them) and dropped later."""
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        if _HAS_CJK.match(word):
            out.extend(segmenter.cut(word))
        else:
            out.append(word)
    return out


def is_cjk(word: str) -> bool:
    return bool(_HAS_CJK.search(word))


def index_words(words: list[str]) -> list[str]:
    """The words worth indexing: no stop words, no single Latin letters or lone digits, no
    single Chinese characters; English words stemmed."""
    out: list[str] = []
    for word in words:
        if word in STOP_WORDS:
            continue
        if is_cjk(word):
            if len(word) >= 2:
                out.append(word)
        elif len(word) >= 2 and not word.isdigit():
            out.append(stem(word))
    return out
