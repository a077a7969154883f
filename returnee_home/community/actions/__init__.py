"""Every write of the community goes through a function here (split by use case)."""

from returnee_home.community.actions.forum import (
    board_save,
    follow_toggle,
    image_upload,
    parse_tags,
    post_edit,
    reaction_toggle,
    reply_create,
    thread_create,
    thread_mark_answer,
    thread_mark_read,
)
from returnee_home.community.actions.moderation import (
    content_hide,
    content_restore,
    member_sanction,
    moderator_appoint,
    moderator_remove,
    report_create,
    report_dismiss,
    report_target_or_404,
    sanction_lift,
    sensitive_word_add,
    sensitive_word_remove,
)
from returnee_home.community.actions.social import (
    circle_create,
    circle_decide,
    circle_join,
    circle_leave,
    circle_listing_set,
    conversation_mark_read,
    conversation_start,
    introduction_decide,
    introduction_request,
    member_block,
    member_unblock,
    message_send,
    partner_post_close,
    partner_post_create,
    send_message_digests,
)
from returnee_home.community.actions.trust import RateLimited

__all__ = [
    "RateLimited", "board_save", "circle_create", "circle_decide", "circle_join",
    "circle_leave", "circle_listing_set", "content_hide", "content_restore",
    "conversation_mark_read", "conversation_start", "follow_toggle", "image_upload",
    "introduction_decide", "introduction_request", "member_block", "member_sanction",
    "member_unblock", "message_send", "moderator_appoint", "moderator_remove", "parse_tags",
    "partner_post_close", "partner_post_create", "post_edit", "reaction_toggle", "reply_create",
    "report_create", "report_dismiss", "report_target_or_404", "sanction_lift",
    "send_message_digests", "sensitive_word_add", "sensitive_word_remove", "thread_create",
    "thread_mark_answer", "thread_mark_read",
]  # fmt: skip
