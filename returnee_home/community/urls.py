"""Community: boards and threads, circles, partner finding, messages, moderation."""

from django.urls import path

from returnee_home.community.views import forum, moderation, social
from returnee_home.core.cache import public_page

app_name = "community"

urlpatterns = [
    path("", forum.index, name="index"),
    path("search/", forum.search, name="search"),
    path("b/<slug:slug>/", forum.board, name="board"),
    path("b/<slug:slug>/new/", forum.thread_new, name="thread_new"),
    path("t/<int:pk>/", forum.thread, name="thread"),
    path("t/<int:pk>/reply/", forum.reply_new, name="reply_new"),
    path("r/<int:pk>/answer/", forum.mark_answer, name="mark_answer"),
    path("<str:kind>/<int:pk>/edit/", forum.edit, name="edit"),
    path("<str:kind>/<int:pk>/history/", forum.history, name="history"),
    path("<str:kind>/<int:pk>/react/", forum.react, name="react"),
    path("follow/<str:kind>/<str:key>/", forum.follow, name="follow"),
    path("report/<str:kind>/<int:pk>/", forum.report, name="report"),
    path("images/<str:key>/", forum.image, name="image"),
    path("circles/", public_page(social.circles), name="circles"),
    path("circles/new/", social.circle_new, name="circle_new"),
    path("circles/<slug:slug>/", social.circle, name="circle"),
    path("circles/<slug:slug>/<str:step>/", social.circle_action, name="circle_action"),
    path("partners/", social.partners, name="partners"),
    path("partners/new/", social.partner_new, name="partner_new"),
    path("partners/mine/", social.partners_mine, name="partners_mine"),
    path("partners/<int:pk>/", social.partner, name="partner"),
    path("partners/<int:pk>/close/", social.partner_close, name="partner_close"),
    path("introductions/<int:pk>/", social.introduction_decide, name="introduction_decide"),
    path("messages/", social.conversations, name="messages"),
    path("messages/new/", social.conversation_new, name="conversation_new"),
    path("messages/<int:pk>/", social.conversation, name="conversation"),
    path("messages/files/<int:pk>/", social.attachment, name="attachment"),
    path("members/<int:pk>/block/", social.block, name="block"),
    path("standing/", social.standing, name="standing"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/<str:step>/<str:kind>/<int:pk>/", moderation.decide, name="moderation_decide"),
    path("moderation/reports/<int:pk>/dismiss/", moderation.dismiss, name="moderation_dismiss"),
    path("moderation/members/<int:pk>/", moderation.member, name="moderation_member"),
    path("moderation/sanctions/<int:pk>/lift/", moderation.lift, name="moderation_lift"),
    path("moderation/words/", moderation.words, name="moderation_words"),
    path("moderation/boards/", moderation.boards, name="moderation_boards"),
    path("moderation/boards/<int:pk>/", moderation.boards, name="moderation_board"),
    path("moderation/moderators/", moderation.moderators, name="moderation_moderators"),
]
