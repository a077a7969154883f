"""Post bodies: a safe subset of Markdown rendered to HTML, and the text forms of a post used
for sensitive-word matching, search and link/image detection.

Markdown is parsed with raw HTML disabled (so `<script>` is text), then the HTML is cleaned
by nh3 to a short list of tags: links get rel="nofollow ugc noopener", and images survive only
when they point at an image uploaded to the community (checked with core.uploads)."""

import re
import unicodedata
from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt

MAX_TITLE = 150
MAX_BODY = 20_000

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "img", "h3", "h4", "h5", "h6", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
# The address of an image uploaded through the community (in either language's prefix).
IMAGE_SRC = re.compile(r"^(?:/en)?/community/images/([0-9a-f]{32})/$")
LINK = re.compile(r"https?://|www\.|\]\(|<a ", re.IGNORECASE)
IMAGE = re.compile(r"!\[[^\]]*\]\(")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("strikethrough")
    # Headings become h3.. so that a post never outranks the page's own headings.
    parser.disable("lheading")
    return parser


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if IMAGE_SRC.match(value) else None
    if tag == "a" and attribute == "href":
        if value.startswith(("http://", "https://", "mailto:", "/")) and not value.startswith("//"):
            return value
        return None
    return value


def _shift_headings(html: str) -> str:
    return re.sub(
        r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 2)}>", html
    )


def render(body: str) -> str:
    """Safe HTML for a Markdown body."""
    html = _shift_headings(_parser().render(body or ""))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        link_rel="nofollow ugc noopener",
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
    )


def image_keys(body: str) -> list[str]:
    """The upload keys of the images a body shows."""
    found = re.findall(r"!\[[^\]]*\]\(\s*((?:/en)?/community/images/[0-9a-f]{32}/)", body or "")
    return [IMAGE_SRC.match(src).group(1) for src in found if IMAGE_SRC.match(src)]


def has_link(body: str) -> bool:
    return bool(LINK.search(IMAGE.sub("", body or "")))


def has_image(body: str) -> bool:
    return bool(IMAGE.search(body or ""))


def plain_text(body: str, limit: int = 300) -> str:
    """The text of a Markdown body without markup, for previews and notifications."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", body or "")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[#>*_`~\-]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Sensitive-word matching --------------------------------------------------------------

# Characters a writer might insert to slip a word past a filter: every separator,
# punctuation mark and symbol, and the invisible format characters (zero-width spaces).
_SKIPPED_CATEGORIES = ("Z", "P", "S", "Cf", "Cc")


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """The text reduced for matching: full-width to half-width (NFKC), traditional to
    simplified Chinese, lower case, and without spaces, punctuation, symbols or invisible
    characters."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _t2s().convert(text).casefold()
    return "".join(
        ch for ch in text if not unicodedata.category(ch).startswith(_SKIPPED_CATEGORIES)
    )


def matching_words(text: str, words: list[str]) -> list[str]:
    """The normalised words of `words` that occur in `text` once both are normalised."""
    haystack = normalise(text)
    return [w for w in words if w and w in haystack]
