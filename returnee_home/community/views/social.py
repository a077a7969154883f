"""Circles, partner finding, direct messages, blocking and the member's own standing."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.community import actions, selectors
from returnee_home.community.forms import (
    CircleForm,
    IntroductionForm,
    MessageForm,
    NewConversationForm,
    PartnerPostForm,
)
from returnee_home.community.models import Circle, CircleMember, Introduction, PartnerPost
from returnee_home.community.views.common import community_view, member_view
from returnee_home.core.cache import public_page
from returnee_home.core.errors import ApplicationError, NotFoundError, apply_to_form

# --- Circles ------------------------------------------------------------------------------


def circles(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in Circle.Kind.values else ""
    return render(
        request,
        "community/circles.html",
        {
            "circles": list(selectors.circles(kind)[:100]),
            "kind": kind,
            "kinds": Circle.Kind.choices,
            "mine": selectors.my_circle_ids(request.user),
            "suggested": selectors.suggested_circles(request.user)
            if request.user.is_authenticated
            else [],
        },
    )


@member_view
@require_http_methods(["GET", "POST"])
def circle_new(request: HttpRequest) -> HttpResponse:
    form = CircleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            circle = actions.circle_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your circle is open. Invite people to join."))
            return redirect("community:circle", circle.slug)
    return render(
        request,
        "community/circle_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@community_view
def circle(request: HttpRequest, slug: str) -> HttpResponse:
    circle = selectors.circle_for(slug)
    membership = selectors.membership_in(request.user, circle)
    is_member = bool(membership and membership.status == CircleMember.Status.MEMBER)
    can_see = is_member or selectors.is_moderator(request.user)
    threads, next_cursor = (
        selectors.thread_page(circle.board, after=request.GET.get("after"))
        if can_see
        else ([], None)
    )
    organiser = selectors.is_organiser(request.user, circle)
    return render(
        request,
        "community/circle.html",
        {
            "circle": circle,
            "membership": membership,
            "is_member": is_member,
            "can_see": can_see,
            "threads": threads,
            "next_cursor": next_cursor,
            "unread": selectors.unread_ids(request.user, threads),
            "members": selectors.listed_members(circle) if can_see else [],
            "pending": selectors.pending_members(circle) if organiser else [],
            "organiser": organiser,
        },
    )


@member_view
@require_POST
def circle_action(request: HttpRequest, slug: str, step: str) -> HttpResponse:
    circle = selectors.circle_for(slug)
    try:
        if step == "join":
            member = actions.circle_join(
                user=request.user, circle=circle, note=request.POST.get("note", ""),
                listed=request.POST.get("listed", "1") == "1",
            )  # fmt: skip
            messages.success(
                request,
                _("Welcome to the circle.")
                if member.status == CircleMember.Status.MEMBER
                else _("Your request has been sent to the circle's organisers."),
            )
        elif step == "leave":
            actions.circle_leave(user=request.user, circle=circle)
            messages.success(request, _("You have left the circle."))
        elif step == "listing":
            listed = request.POST.get("listed") == "1"
            actions.circle_listing_set(user=request.user, circle=circle, listed=listed)
            messages.success(
                request,
                _("You appear in the member list.")
                if listed
                else _("You no longer appear in the member list."),
            )
        elif step == "decide":
            member = get_object_or_404(CircleMember, pk=request.POST.get("member"), circle=circle)
            approve = request.POST.get("approve") == "1"
            actions.circle_decide(actor=request.user, member=member, approve=approve)
            messages.success(request, _("Saved."))
        else:
            raise NotFoundError()
    except ApplicationError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, str(error.message))
    return redirect("community:circle", circle.slug)


# --- Partner finding ----------------------------------------------------------------------


@public_page
def partners(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in PartnerPost.Kind.values else ""
    return render(
        request,
        "community/partners.html",
        {
            "posts": list(selectors.partner_posts(kind=kind)[:60]),
            "kind": kind,
            "kinds": PartnerPost.Kind.choices,
        },
    )


@member_view
@require_http_methods(["GET", "POST"])
def partner_new(request: HttpRequest) -> HttpResponse:
    form = PartnerPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = actions.partner_post_create(author=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            if post.status == PartnerPost.Status.HIDDEN:
                messages.warning(request, _("Your post awaits a moderator's review."))
            else:
                messages.success(request, _("Your post is published. Your name stays hidden."))
            return redirect("community:partner", post.pk)
    return render(
        request,
        "community/partner_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@community_view
@require_http_methods(["GET", "POST"])
def partner(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.partner_post_for(request.user, pk)
    user = request.user
    own = user.is_authenticated and post.author_id == user.pk
    mine = selectors.my_introduction(user, post)
    form = IntroductionForm(request.POST or None)
    if request.method == "POST":
        if not user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                actions.introduction_request(
                    requester=user, post=post, note=form.cleaned_data["note"]
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Your request is sent. You both stay anonymous unless the author accepts."),
                )
                return redirect("community:partner", post.pk)
    return render(
        request,
        "community/partner.html",
        {
            "post": post,
            "own": own,
            "mine": mine,
            "form": form,
            "suggestions": selectors.suggested_partners(post) if own else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@member_view
def partners_mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/partners_mine.html",
        {
            "posts": selectors.my_partner_posts(request.user),
            "incoming": selectors.introductions_to_me(request.user),
            "outgoing": selectors.introductions_from_me(request.user),
        },
    )


@member_view
@require_POST
def introduction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    intro = selectors.introduction_for(request.user, pk)
    accept = request.POST.get("accept") == "1"
    try:
        intro = actions.introduction_decide(actor=request.user, introduction=intro, accept=accept)
    except ApplicationError as error:
        if error.status == 404:
            raise
        messages.error(request, str(error.message))
    else:
        if intro.status == Introduction.Status.CONNECTED:
            messages.success(request, _("You are connected. You can now send each other messages."))
        else:
            messages.success(request, _("Saved."))
    return redirect("community:partners_mine")


@member_view
@require_POST
def partner_close(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.partner_post_for(request.user, pk)
    actions.partner_post_close(actor=request.user, post=post)
    messages.success(request, _("Your post is closed."))
    return redirect("community:partners_mine")


# --- Messages -----------------------------------------------------------------------------


@member_view
def conversations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "community/conversations.html",
        {"conversations": selectors.conversations_of(request.user)},
    )


@member_view
@require_http_methods(["GET", "POST"])
def conversation_new(request: HttpRequest) -> HttpResponse:
    contacts = selectors.contacts(request.user)
    initial = {"people": [request.GET["to"]]} if request.GET.get("to", "").isdigit() else {}
    form = NewConversationForm(
        request.POST or None, request.FILES or None, contacts=contacts, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conversation = actions.conversation_start(
                user=request.user, others=list(data["people"]), body=data["body"],
                title=data["title"], attachment=data.get("attachment"),
            )  # fmt: skip
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return redirect("community:conversation", conversation.pk)
    return render(
        request,
        "community/conversation_new.html",
        {"form": form, "contacts": contacts},
        status=400 if request.method == "POST" else 200,
    )


@member_view
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_for(request.user, pk)
    form = MessageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.message_send(
                    user=request.user, conversation=conversation, body=form.cleaned_data["body"],
                    attachment=form.cleaned_data.get("attachment"),
                )  # fmt: skip
            except ApplicationError as error:
                apply_to_form(form, error)
                status = error.status
            else:
                return redirect("community:conversation", conversation.pk)
    rows = selectors.messages_of(conversation)
    actions.conversation_mark_read(user=request.user, conversation=conversation)
    blocked = {p.pk for p in conversation.people if selectors.has_blocked(request.user, p)}
    return render(
        request,
        "community/conversation.html",
        {"conversation": conversation, "messages_list": rows, "form": form, "blocked": blocked},
        status=status,
    )


@member_view
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    message = selectors.message_for(request.user, pk)
    if not message.attachment:
        raise NotFoundError()
    response = FileResponse(
        message.attachment.open("rb"), as_attachment=True, filename=message.attachment_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@member_view
@require_POST
def block(request: HttpRequest, pk: int) -> HttpResponse:
    other = get_object_or_404(get_user_model(), pk=pk)
    if request.POST.get("unblock") == "1":
        actions.member_unblock(user=request.user, other=other)
        messages.success(request, _("Unblocked."))
    else:
        try:
            actions.member_block(user=request.user, other=other)
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Blocked. Neither of you can contact the other any more."))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("community:messages")


@member_view
def standing(request: HttpRequest) -> HttpResponse:
    from returnee_home.community.actions.trust import is_established

    user = request.user
    context: dict[str, Any] = {
        "sanctions": list(selectors.sanctions_of(user)[:50]),
        "current": selectors.current_sanction(user),
        "published": selectors.published_post_count(user),
        "established": is_established(user),
    }
    return render(request, "community/standing.html", context)
