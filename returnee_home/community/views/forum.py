"""Boards, threads and replies: read by anyone on public boards (cached for anonymous
visitors), written by signed-in members in good standing."""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnee_home.community import actions, markup, selectors
from returnee_home.community.actions.trust import HELD_MESSAGE
from returnee_home.community.forms import EditForm, ReplyForm, ReportForm, SearchForm, ThreadForm
from returnee_home.community.models import Board, PostImage, PostStatus, Reaction, Reply, Thread
from returnee_home.community.views.common import community_view, member_view
from returnee_home.core.cache import public_page
from returnee_home.core.errors import ApplicationError, apply_to_form


@public_page
def index(request: HttpRequest) -> HttpResponse:
    boards = selectors.public_boards()
    return render(
        request,
        "community/index.html",
        {
            "topic_boards": [b for b in boards if b.kind == Board.Kind.TOPIC],
            "city_boards": [b for b in boards if b.kind == Board.Kind.CITY],
            "search_form": SearchForm(),
            "suggested": selectors.suggested_circles(request.user, 3)
            if request.user.is_authenticated
            else [],
        },
    )


@public_page
@community_view
def board(request: HttpRequest, slug: str) -> HttpResponse:
    board = selectors.board_for(request.user, slug)
    sort = request.GET.get("sort", "activity")
    sort = sort if sort in selectors.SORTS else "activity"
    after = request.GET.get("after")
    threads, next_cursor = selectors.thread_page(board, sort=sort, after=after)
    pinned = [] if after else selectors.pinned_threads(board)
    circle = selectors.circle_of_board(board)
    return render(
        request,
        "community/board.html",
        {
            "board": board,
            "circle": circle,
            "threads": threads,
            "pinned": pinned,
            "sort": sort,
            "sorts": [("activity", _("Latest activity")), ("new", _("New")), ("top", _("Top"))],
            "next_cursor": next_cursor,
            "is_first": not after,
            "unread": selectors.unread_ids(request.user, pinned + threads),
            "following": selectors.is_following(request.user, board=board),
            "may_start": request.user.is_authenticated
            and (board.posting == Board.Posting.MEMBERS or selectors.is_moderator(request.user)),
        },
    )


def _with_image(request: HttpRequest, form: Any, body: str) -> tuple[str, PostImage | None]:
    upload = request.FILES.get("image")
    if not upload:
        return body, None
    image = actions.image_upload(user=request.user, upload=upload)
    url = reverse("community:image", args=[image.key.hex])
    return f"{body}\n\n![{_('image')}]({url})", image


def _discard(image: PostImage | None) -> None:
    if image is not None:
        image.file.storage.delete(image.file.name)


@member_view
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    board = selectors.board_for(request.user, slug)
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        image = None
        try:
            with transaction.atomic():
                body, image = _with_image(request, form, data["body"])
                thread = actions.thread_create(
                    author=request.user, board=board, title=data["title"], body=body,
                    kind=data["kind"], tags=data["tags"], language=request.LANGUAGE_CODE,
                )  # fmt: skip
        except ApplicationError as error:
            _discard(image)
            if error.status == 403 and error.code != "sanctioned":
                raise
            apply_to_form(form, error)
        else:
            if thread.status == PostStatus.HELD:
                messages.warning(request, str(HELD_MESSAGE))
            else:
                messages.success(request, _("Your thread is published."))
            return redirect("community:thread", thread.pk)
    return render(
        request,
        "community/thread_form.html",
        {"board": board, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@public_page
@community_view
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = selectors.thread_for(request.user, pk)
    pages = selectors.reply_page_count(thread)
    try:
        page = min(max(1, int(request.GET.get("page", 1))), pages)
    except ValueError:
        page = 1
    replies = selectors.reply_page(request.user, thread, page)
    user = request.user
    quote_id = request.GET.get("quote")
    context = {
        "thread": thread,
        "board": thread.board,
        "replies": replies,
        "page": page,
        "pages": pages,
        "page_numbers": _page_numbers(page, pages),
        "counts": selectors.reaction_counts(thread, replies),
        "mine": selectors.my_reactions(user, thread, replies),
        "reaction_kinds": Reaction.Kind.choices,
        "following": selectors.is_following(user, thread=thread),
        "is_moderator": selectors.is_moderator(user),
        "reply_form": ReplyForm(initial={"quote": quote_id}) if user.is_authenticated else None,
        "quoting": _quoted(user, thread, quote_id),
        "answer_page": -(-thread.answer.position // selectors.REPLIES_PER_PAGE)
        if thread.answer
        else 1,
    }
    response = render(request, "community/thread.html", context)
    if user.is_authenticated:
        actions.thread_mark_read(user=user, thread=thread)
    return response


def _quoted(user: Any, thread: Thread, quote_id: str | None) -> Reply | None:
    if not quote_id or not quote_id.isdigit():
        return None
    return (
        Reply.objects.filter(pk=int(quote_id), thread=thread, status=PostStatus.PUBLISHED)
        .select_related("author")
        .first()
    )


def _page_numbers(page: int, pages: int) -> list[int]:
    shown = {1, pages, page - 1, page, page + 1}
    return sorted(p for p in shown if 1 <= p <= pages)


@member_view
@require_POST
def reply_new(request: HttpRequest, pk: int) -> HttpResponse:
    thread = selectors.thread_for(request.user, pk)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        quote = _quoted(request.user, thread, str(data.get("quote") or ""))
        image = None
        try:
            with transaction.atomic():
                body, image = _with_image(request, form, data["body"])
                reply = actions.reply_create(
                    author=request.user, thread=thread, body=body, quote=quote
                )
        except ApplicationError as error:
            _discard(image)
            if error.status == 403 and error.code != "sanctioned":
                raise
            apply_to_form(form, error)
        else:
            if reply.status == PostStatus.HELD:
                messages.warning(request, str(HELD_MESSAGE))
            page = -(-reply.position // selectors.REPLIES_PER_PAGE)
            url = reverse("community:thread", args=[thread.pk])
            return redirect(f"{url}?page={page}#r{reply.position}")
    return render(
        request, "community/reply_form.html", {"thread": thread, "form": form}, status=400
    )


@member_view
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "t":
        post: Any = selectors.thread_for(request.user, pk)
        initial = {"title": post.title, "body": post.body}
    else:
        post = selectors.reply_for(request.user, pk)
        initial = {"body": post.body}
    if post.author_id != request.user.pk:
        raise Http404
    form = EditForm(request.POST or None, initial=initial)
    if kind == "r":
        del form.fields["title"]
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.post_edit(
                actor=request.user,
                thread=post if kind == "t" else None,
                reply=post if kind == "r" else None,
                title=form.cleaned_data.get("title", ""),
                body=form.cleaned_data["body"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            if saved.status == PostStatus.HELD:
                messages.warning(request, str(HELD_MESSAGE))
            else:
                messages.success(request, _("Your changes are saved; the earlier version is kept."))
            return redirect(_post_url(saved))
    return render(
        request,
        "community/edit_form.html",
        {"form": form, "post": post, "kind": kind},
        status=400 if request.method == "POST" else 200,
    )


def _post_url(post: Thread | Reply) -> str:
    if isinstance(post, Thread):
        return reverse("community:thread", args=[post.pk])
    page = -(-post.position // selectors.REPLIES_PER_PAGE)
    return f"{reverse('community:thread', args=[post.thread_id])}?page={page}#r{post.position}"


@community_view
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "t":
        post: Any = selectors.thread_for(request.user, pk)
        revisions = selectors.history_of(thread=post)
    else:
        post = selectors.reply_for(request.user, pk)
        revisions = selectors.history_of(reply=post)
    return render(
        request,
        "community/history.html",
        {"post": post, "kind": kind, "revisions": revisions, "url": _post_url(post)},
    )


@member_view
@require_POST
def react(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "t":
        target: Any = selectors.thread_for(request.user, pk)
        on, count = actions.reaction_toggle(
            user=request.user, thread=target, kind=request.POST.get("reaction", "")
        )
    else:
        target = selectors.reply_for(request.user, pk)
        on, count = actions.reaction_toggle(
            user=request.user, reply=target, kind=request.POST.get("reaction", "")
        )
    reaction = request.POST.get("reaction", "")
    if request.headers.get("HX-Request"):
        return render(
            request,
            "community/_reaction_button.html",
            {
                "kind": kind,
                "pk": pk,
                "code": reaction,
                "label": Reaction.Kind(reaction).label,
                "on": on,
                "count": count,
            },
        )
    return redirect(_post_url(target))


@member_view
@require_POST
def follow(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if kind == "t":
        thread = selectors.thread_for(request.user, int(key))
        on = actions.follow_toggle(user=request.user, thread=thread)
        url = reverse("community:thread", args=[thread.pk])
    else:
        board = selectors.board_for(request.user, key)
        on = actions.follow_toggle(user=request.user, board=board)
        url = reverse("community:board", args=[board.slug])
    messages.success(
        request, _("You will be notified of new posts.") if on else _("You no longer follow this.")
    )
    return redirect(url)


@member_view
@require_POST
def mark_answer(request: HttpRequest, pk: int) -> HttpResponse:
    reply = selectors.reply_for(request.user, pk)
    thread = selectors.thread_for(request.user, reply.thread_id)
    unmark = request.POST.get("unmark") == "1"
    try:
        actions.thread_mark_answer(
            actor=request.user, thread=thread, reply=None if unmark else reply
        )
    except ApplicationError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The answer is marked.") if not unmark else _("Unmarked."))
    return redirect(_post_url(reply))


@member_view
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    target = actions.report_target_or_404(kind, pk, request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_create(reporter=request.user, **form.cleaned_data, **target)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Thank you. The moderators will look at your report."))
            return redirect(_report_back(kind, target))
    return render(
        request,
        "community/report_form.html",
        {"form": form, "kind": kind, "target": next(iter(target.values())),
         "back": _report_back(kind, target)},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


def _report_back(kind: str, target: dict[str, Any]) -> str:
    value = next(iter(target.values()))
    if kind in {"thread", "reply"}:
        return _post_url(value)
    if kind == "message":
        return reverse("community:conversation", args=[value.conversation_id])
    return reverse("community:index")


@public_page
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    threads: list[Thread] = []
    replies: list[Reply] = []
    query = ""
    if form.is_valid():
        from returnee_home.core.fulltext import excerpt, highlight

        query = form.cleaned_data["q"]
        threads, replies, parsed = selectors.search(request.user, query)
        for thread in threads:
            thread.marked_title = highlight(thread.title, parsed.terms)
        for reply in replies:
            reply.page = -(-reply.position // selectors.REPLIES_PER_PAGE)
            reply.marked_excerpt = excerpt(markup.plain_text(reply.body, 2000), parsed.terms)
    return render(
        request,
        "community/search.html",
        {"form": form, "query": query, "threads": threads, "replies": replies},
    )


def image(request: HttpRequest, key: str) -> HttpResponse:
    """An uploaded post image, to its uploader and to whoever may read the board of the post
    that shows it; served with the type its content was checked to be."""
    found = (
        PostImage.objects.select_related("board").filter(key=key).first()
        if len(key) == 32
        else None
    )
    if found is None:
        raise Http404
    own = request.user.is_authenticated and found.uploader_id == request.user.pk
    if not own and (found.board is None or not selectors.can_read_board(request.user, found.board)):
        raise Http404
    response = FileResponse(found.file.open("rb"), content_type=found.mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response
