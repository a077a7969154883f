"""The checks every community write passes: the member's standing (ban, suspension), new-member
limits (links and images after a first published post), per-member rate limits, the size and
content of a body, and the sensitive-word screen that holds a post for review."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from returnee_home.community import markup, selectors
from returnee_home.community.models import PostImage, PostStatus
from returnee_home.core.errors import ApplicationError, PermissionDeniedError

# (how many, in how many seconds) for a new member and for an established one.
POST_LIMITS = {"new": (3, 600), "established": (30, 600)}
MESSAGE_LIMITS = {"new": (10, 600), "established": (60, 600)}
# Published threads and replies after which a member is established (rate limits lifted).
ESTABLISHED_AFTER = 5


class RateLimited(ApplicationError):
    """Too many posts or messages in the window: 429 with the seconds to wait."""

    def __init__(self, message: Any, retry_after: int) -> None:
        super().__init__("too_fast", message, status=429)
        self.retry_after = retry_after


def ensure_in_good_standing(user: Any) -> None:
    """Refuse a signed-out visitor, and a member who is banned or suspended (with the
    moderator's reason and, for a suspension, its end)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDeniedError(_("Sign in to take part in the community."))
    sanction = selectors.current_sanction(user)
    if sanction is None:
        return
    if sanction.kind == sanction.Kind.BAN:
        message = _("You are banned from the community. Reason: %(reason)s") % {
            "reason": sanction.reason
        }
    else:
        ends = date_format(timezone.localtime(sanction.ends_at), "SHORT_DATETIME_FORMAT")
        message = _("You are suspended from the community until %(date)s. Reason: %(reason)s") % {
            "date": ends,
            "reason": sanction.reason,
        }
    raise ApplicationError("sanctioned", message, status=403)


def _limits(name: str, defaults: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    return getattr(settings, name, defaults)


def is_established(user: Any) -> bool:
    return selectors.published_post_count(user) >= ESTABLISHED_AFTER


def check_post_rate(user: Any) -> None:
    tier = "established" if is_established(user) else "new"
    count, seconds = _limits("COMMUNITY_POST_LIMITS", POST_LIMITS)[tier]
    since = timezone.now() - dt.timedelta(seconds=seconds)
    if selectors.posts_since(user, since) >= count:
        raise RateLimited(
            _(
                "You are posting too fast: at most %(count)s posts in %(minutes)s minutes. "
                "Please wait a little and try again."
            )
            % {"count": count, "minutes": seconds // 60},
            retry_after=seconds,
        )


def check_message_rate(user: Any) -> None:
    tier = "established" if is_established(user) else "new"
    count, seconds = _limits("COMMUNITY_MESSAGE_LIMITS", MESSAGE_LIMITS)[tier]
    since = timezone.now() - dt.timedelta(seconds=seconds)
    if selectors.messages_since(user, since) >= count:
        raise RateLimited(
            _(
                "You are sending messages too fast: at most %(count)s in %(minutes)s minutes. "
                "Please wait a little and try again."
            )
            % {"count": count, "minutes": seconds // 60},
            retry_after=seconds,
        )


def check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        message = _("Give the thread a title.")
        raise ApplicationError("empty_title", message, fields={"title": message})
    if len(title) > markup.MAX_TITLE:
        message = _("The title is too long: at most %(limit)s characters.") % {
            "limit": markup.MAX_TITLE
        }
        raise ApplicationError("title_too_long", message, fields={"title": message})
    return title


def check_body(user: Any, body: str, *, field: str = "body") -> str:
    """A non-empty body within the size limit; links and images only from members with a
    published post; images only uploaded by this member through the community."""
    body = (body or "").strip()
    if not markup.plain_text(body, limit=10) and not markup.has_image(body):
        message = _("Write something before posting.")
        raise ApplicationError("empty", message, fields={field: message})
    if len(body) > markup.MAX_BODY:
        message = _("The text is too long: at most %(limit)s characters.") % {
            "limit": markup.MAX_BODY
        }
        raise ApplicationError("too_long", message, fields={field: message})
    if (markup.has_link(body) or markup.has_image(body)) and not selectors.published_post_count(
        user
    ):
        message = _(
            "New members can add links and images once their first post has been published. "
            "Please post without them for now."
        )
        raise ApplicationError("new_member_links", message, fields={field: message})
    keys = markup.image_keys(body)
    if markup.has_image(body) and len(keys) != body.count("!["):
        message = _("Images must be uploaded with the image button; other images are not shown.")
        raise ApplicationError("foreign_image", message, fields={field: message})
    if keys:
        own = PostImage.objects.filter(key__in=keys, uploader_id=user.pk).count()
        if own != len(set(keys)):
            message = _("One of the images was not uploaded by you.")
            raise ApplicationError("foreign_image", message, fields={field: message})
    return body


def screen(*texts: str) -> str:
    """PUBLISHED, or HELD when a text contains a word of the sensitive-word list."""
    words = selectors.sensitive_words()
    if words and any(markup.matching_words(text, words) for text in texts if text):
        return PostStatus.HELD
    return PostStatus.PUBLISHED


HELD_MESSAGE = _(
    "Your post contains words that a moderator must check first. It is saved and will be "
    "published after review; you will be notified."
)
