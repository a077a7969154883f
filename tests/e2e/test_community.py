"""Community journeys: a member posts a thread in Markdown (with an XSS payload, shown as text),
another replies, reacts and reports it, a province moderator hides it with a reason the author
sees; then partner finding with mutual opt-in and an exchange of messages. Both languages, axe
on every page, no sideways scrolling at phone width."""

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    LANGUAGES,
    Province,
    assert_accessible,
    assert_no_horizontal_scroll,
    sign_in_as,
)

pytestmark = pytest.mark.e2e
SHOTS = os.environ.get("COMMUNITY_SHOTS", "")
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def _look(page: Page, label: str) -> None:
    assert_accessible(page, label)
    size = page.viewport_size
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{label.replace('/', '_')}.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_no_horizontal_scroll(page)
    if size:
        page.set_viewport_size(size)


def _no_dialogs(page: Page) -> None:
    def fail(dialog: Any) -> None:
        dialog.dismiss()
        raise AssertionError(f"a script ran: {dialog.message}")

    page.on("dialog", fail)


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_thread_reply_react_report_moderate(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    from returnee_home.community.models import Board

    zh = not prefix
    Board.objects.create(
        slug="life-in-jiangsu", name_zh="在江苏生活", name_en="Life in Jiangsu", position=1
    )
    base = f"{live_server.url}{prefix}"
    people = province.people

    author_ctx = new_context()
    sign_in_as(author_ctx, live_server.url, people["talent"])
    author = author_ctx.new_page()
    _no_dialogs(author)
    author.goto(f"{base}/community/")
    _look(author, f"{prefix or '/zh'} community index")
    author.get_by_role("link", name="在江苏生活" if zh else "Life in Jiangsu").first.click()
    author.get_by_role("link", name="发帖" if zh else "Start a thread").click()
    title = "孩子插班需要什么材料？" if zh else "School places for returnee children"
    author.get_by_label("标题" if zh else "Title").fill(title)
    author.get_by_label("正文" if zh else "Text").fill(
        f"**请教**：\n\n- 居住证\n- 社保证明\n\n> 谢谢大家\n\n{XSS}"
    )
    author.get_by_label("标签" if zh else "Tags").fill("子女入学, 南京")
    _look(author, f"{prefix or '/zh'} new thread")
    author.get_by_role("button", name="发布" if zh else "Publish").click()
    expect(author.locator("h1")).to_contain_text(title)
    body = author.locator(".post-body").first
    expect(body.locator("strong")).to_have_text("请教")
    expect(body.locator("li")).to_have_count(2)
    expect(body).to_contain_text('<script>alert("xss")</script>')
    assert author.locator(".post-body script").count() == 0
    assert author.locator(".post-body img").count() == 0
    thread_url = author.url
    _look(author, f"{prefix or '/zh'} thread")

    reader_ctx = new_context()
    sign_in_as(reader_ctx, live_server.url, people["employer"])
    reader = reader_ctx.new_page()
    _no_dialogs(reader)
    reader.goto(thread_url)
    reader.get_by_label("您的回复" if zh else "Your reply").fill("需要居住证和社保证明。")
    reader.get_by_role("button", name="发表回复" if zh else "Post reply").click()
    expect(reader.locator("#r1")).to_contain_text("需要居住证和社保证明。")
    like = reader.locator("#thread .post-actions button.reaction").first
    like.click()
    expect(reader.locator("#thread .post-actions button.reaction").first).to_have_attribute(
        "aria-pressed", "true"
    )
    reader.locator("#thread").get_by_role("link", name="举报" if zh else "Report").click()
    reader.get_by_label("垃圾信息或广告" if zh else "Spam or advertising").check()
    _look(reader, f"{prefix or '/zh'} report")
    reader.get_by_role("button", name="提交举报" if zh else "Send report").click()
    expect(reader.locator(".messages")).to_contain_text(
        "版主会处理" if zh else "The moderators will look at your report"
    )

    moderator_ctx = new_context()
    sign_in_as(moderator_ctx, live_server.url, people["province"])
    moderator = moderator_ctx.new_page()
    moderator.goto(f"{base}/community/moderation/")
    expect(moderator.locator("main")).to_contain_text(title)
    _look(moderator, f"{prefix or '/zh'} moderation queue")
    report = moderator.locator(".report-item").first
    report.locator("summary").click()
    report.get_by_label("向成员说明的理由" if zh else "Reason shown to the member").fill(
        "请勿重复发帖" if zh else "Duplicate of an existing thread"
    )
    report.get_by_role("button", name="隐藏" if zh else "Hide").click()
    expect(moderator.locator(".messages")).to_contain_text("已隐藏" if zh else "Hidden.")

    author.goto(thread_url)
    expect(author.locator("main")).to_contain_text("请勿重复发帖" if zh else "Duplicate of")
    anonymous = new_context().new_page()
    assert anonymous.goto(thread_url).status == 404


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_partner_opt_in_then_messages(
    new_context: Any, live_server: Any, province: Province, prefix: str
) -> None:
    zh = not prefix
    base = f"{live_server.url}{prefix}"
    people = province.people

    owner_ctx = new_context()
    sign_in_as(owner_ctx, live_server.url, people["talent"])
    owner = owner_ctx.new_page()
    owner.goto(f"{base}/community/partners/new/")
    owner.locator("#id_kind").select_option("co_founder")
    owner.get_by_label("标题" if zh else "Title").fill("寻找懂市场的联合创始人")
    owner.get_by_label("我能提供" if zh else "What I bring").fill("医学影像算法和两项专利。")
    owner.get_by_label("我在寻找" if zh else "What I seek").fill("有医疗器械销售经验的伙伴。")
    _look(owner, f"{prefix or '/zh'} partner form")
    owner.get_by_role("button", name="发布" if zh else "Publish").click()
    expect(owner.locator("h1")).to_have_text("寻找懂市场的联合创始人")
    post_url = owner.url

    seeker_ctx = new_context()
    sign_in_as(seeker_ctx, live_server.url, people["employer"])
    seeker = seeker_ctx.new_page()
    seeker.goto(f"{base}/community/partners/")
    seeker.get_by_role("link", name="寻找懂市场的联合创始人").click()
    expect(seeker.locator("main")).not_to_contain_text("林晓雨")
    _look(seeker, f"{prefix or '/zh'} partner post")
    seeker.get_by_label(
        "您希望一起探讨什么？" if zh else "What would you like to explore together?"
    ).fill("我们做医疗器械渠道，想聊聊合作。")
    seeker.get_by_role("button", name="申请引荐" if zh else "Ask for an introduction").click()
    expect(seeker.locator(".messages")).to_contain_text("匿名" if zh else "anonymous")

    owner.goto(f"{base}/community/partners/mine/")
    expect(owner.locator("main")).to_contain_text("一位匿名成员" if zh else "An anonymous member")
    expect(owner.locator("main")).not_to_contain_text("employer测试")
    _look(owner, f"{prefix or '/zh'} my introductions")
    owner.get_by_role("button", name="接受并建立联系" if zh else "Accept and connect").click()
    expect(owner.locator("main")).to_contain_text("employer测试")

    seeker.goto(post_url)
    expect(seeker.locator("main")).to_contain_text("林晓雨" if zh else "Lin Xiaoyu")
    seeker.get_by_role("link", name="发私信" if zh else "Send a message").click()
    seeker.get_by_label("私信" if zh else "Message", exact=True).fill("你好，下周二方便见面吗？")
    _look(seeker, f"{prefix or '/zh'} new conversation")
    seeker.get_by_role("button", name="发送" if zh else "Send").click()
    expect(seeker.locator(".message-list")).to_contain_text("你好，下周二方便见面吗？")

    owner.goto(f"{base}/community/messages/")
    owner.get_by_role("link", name="employer测试").click()
    expect(owner.locator(".message-list")).to_contain_text("你好，下周二方便见面吗？")
    owner.get_by_label("私信" if zh else "Message", exact=True).fill("方便，下午三点见。")
    owner.get_by_role("button", name="发送" if zh else "Send").click()
    expect(owner.locator(".message-list")).to_contain_text("方便，下午三点见。")
    _look(owner, f"{prefix or '/zh'} conversation")
