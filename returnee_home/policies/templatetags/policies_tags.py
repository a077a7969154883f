"""Template helpers of the policy library: highlighted matches and benefit amounts."""

import re
from typing import Any

from django import template
from django.utils.safestring import SafeString

from returnee_home.core.fulltext import excerpt, highlight
from returnee_home.core.i18n import is_chinese

register = template.Library()


@register.filter
def marked(text: str, terms: list[str]) -> SafeString:
    """The text, escaped, with the searched words in <mark>."""
    return highlight(str(text or ""), terms or [])


@register.filter
def snippet(text: str, terms: list[str]) -> SafeString:
    """About 160 characters around the first searched word, highlighted."""
    return excerpt(str(text or ""), terms or [])


@register.simple_tag
def policy_snippet(policy: Any, terms: list[str]) -> SafeString:
    """A snippet of the policy's text in the reader's language where it matches, else of the
    Chinese text (the English rendering is optional)."""
    if not is_chinese() and policy.body_en:
        english = excerpt(policy.body_en, terms or [])
        if "<mark>" in english or not terms:
            return english
    return excerpt(policy.body_zh, terms or [])


@register.simple_tag
def condition_text(condition: Any, names: Any) -> str:
    from returnee_home.policies.entitlements import describe

    return describe(condition, names)


@register.filter
def markdown_safe(text: str) -> SafeString:
    """Markdown (an English rendering) as sanitised HTML."""
    import nh3
    from django.utils.safestring import mark_safe
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark", {"html": False}).render(str(text or ""))
    # The text sits under the page's h2: its own headings start at h3.
    rendered = re.sub(
        r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 2)}>", rendered
    )
    return mark_safe(nh3.clean(rendered))  # noqa: S308  (sanitised by nh3)
