"""Demo data of the community: the seed's boards and a board per city; hand-written bilingual
conversations among returnees; circles with members; partner posts with introductions; direct
messages between the demo accounts; a sensitive-word list, a held post and open reports.

Volume (threads and replies built from varied templates) is bulk-inserted in batches; the large
scale has 200,000 threads and 2,000,000 replies, including one long thread of 2,000 replies.
A second run counts the threads already on the topic and city boards and adds only what is
missing."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count, Max, Sum

from returnee_home.community import markup
from returnee_home.community.actions.forum import index_post
from returnee_home.community.models import (
    Board,
    Circle,
    CircleMember,
    Conversation,
    ConversationMember,
    Introduction,
    Message,
    PartnerPost,
    PostStatus,
    Reply,
    ReplySearchEntry,
    Report,
    SensitiveWord,
    Thread,
    ThreadSearchEntry,
)
from returnee_home.core.demo.registry import DemoContext
from returnee_home.records.demo import keep_given_created_at

ORDER = 90
THREADS = {"tiny": 40, "small": 600, "medium": 20_000, "large": 200_000}
REPLIES = {"tiny": 200, "small": 6_000, "medium": 200_000, "large": 2_000_000}
LONG_THREAD = {"tiny": 45, "small": 300, "medium": 2_000, "large": 2_000}
BATCH = 10_000

TOPIC_BOARDS = [
    ("academic", "学术交流", "Academic discussion",
     "科研合作、学术会议、论文与项目申报经验。",
     "Research collaboration, conferences, papers and grant applications."),
    ("entrepreneurship", "创新创业", "Innovation & entrepreneurship",
     "创业项目、融资、园区政策与团队组建。",
     "Start-ups, funding, park policies and building a team."),
    ("life-in-jiangsu", "在江苏生活", "Life in Jiangsu",
     "住房、子女入学、医疗与安家落户。",
     "Housing, schools, healthcare and settling in."),
]  # fmt: skip

# Hand-written conversations: (board, language, kind, title, body, tags, replies).
SEED_THREADS = [
    ("life-in-jiangsu", "zh-hans", "question", "回国后孩子在南京插班上小学，需要准备哪些材料？",
     "我们一家刚从德国回来，孩子在德国读到二年级。想在鼓楼区插班，请问需要户口、房产证明还是"
     "居住证？有没有经历过的朋友分享一下流程？", ["子女入学", "南京"],
     ["我去年办的。需要居住证、父母的劳动合同和社保证明，还有国外学校的成绩单（最好有中文翻译）。",
      "补充一下：留学人员子女可以到区教育局申请统筹安排，之家窗口可以帮忙出具证明，别忘了带学历认证。",
      "谢谢两位！我明天就去之家窗口问问。",
      "插班后语文可能会跟不上，建议暑假先找个衔接班。我家孩子一个学期就适应了。"]),
    ("life-in-jiangsu", "en", "question", "Finding a flat near Suzhou Industrial Park",
     "I start at a biotech company in SIP next month. Which neighbourhoods are good for a "
     "young family, and is the talent apartment scheme worth applying for?", ["housing", "suzhou"],
     ["Look at the talent apartments around Dushu Lake: rent is well below market and the "
      "application takes about three weeks.",
      "We live in Xinghai Street. Metro line 1 is close and there are two international "
      "kindergartens nearby.",
      "Apply for the talent apartment first; you can still rent privately while you wait."]),
    ("entrepreneurship", "zh-hans", "discussion", "留学人员创业园入驻经验分享",
     "去年我们团队入驻了苏州工业园区的留创园，整理了一些经验：\n\n1. **提前准备商业计划书**，"
     "评审很看重团队背景；\n2. 首年房租减免，但要按时提交经营数据；\n3. 园区的投融资对接会很有用。\n\n"
     "欢迎大家补充。", ["创业园", "融资"],
     ["很实用！请问评审一般需要多长时间？",
      "我们是提交后一个月左右答辩，答辩后两周出结果。",
      "补充一点：知识产权最好在入驻前就申请好，评审加分。",
      "有没有做硬件的团队？想交流一下小批量生产的供应链。"]),
    ("entrepreneurship", "en", "discussion", "Looking back on our seed round in Nanjing",
     "We closed a seed round last quarter for our medical imaging start-up. Happy to share what "
     "worked: local government guidance funds, the overseas talent programme and a lot of "
     "patience. AMA.", ["funding", "medtech"],
     ["How long did the due diligence take with the guidance fund?",
      "About three months. Have your financial records in order from day one.",
      "Did you need a Chinese co-founder to qualify?",
      "No, but at least one founder must hold a certified overseas degree."]),
    ("academic", "zh-hans", "question", "国家自然科学基金青年项目申请有什么建议？",
     "今年准备第一次申请青年基金，方向是计算材料学。想请教一下前辈们，申请书中哪些部分最关键？",
     ["基金申请", "材料"],
     ["科学问题要凝练，研究基础部分把海外的工作和国内的衔接写清楚。",
      "建议找本单位拿过项目的老师帮忙看一遍，形式审查也很重要。",
      "预实验数据很加分，哪怕只有一两张图。"]),
    ("academic", "en", "discussion", "Reading group on machine learning for chemistry",
     "A few of us at Nanjing University and Southeast University meet every other Thursday to "
     "read ML-for-chemistry papers. Anyone is welcome; we alternate between English and "
     "Chinese.", ["machine-learning", "chemistry"],
     ["Count me in. Is there a list of the papers so far?",
      "Yes, we keep it in the circle's first thread. Next session is on graph neural networks.",
      "Could we do one session online for people in Suzhou?"]),
    ("nanjing", "zh-hans", "discussion", "南京周末骑行约伴",
     "每周六早上从玄武湖出发沿明城墙骑行，大约30公里，节奏轻松，欢迎新回国的朋友一起。",
     ["骑行", "周末"],
     ["报名！请问需要自带头盔吗？", "需要的，安全第一。我们七点半在玄武门集合。"]),
    ("suzhou", "en", "question", "Registering a foreign driving licence in Suzhou",
     "Can I convert my UK driving licence, or do I need to take the full test?",
     ["driving", "suzhou"],
     ["You take only the theory test (available in English) if your licence is valid.",
      "Bring a certified translation of the licence and your residence registration."]),
]  # fmt: skip

ZH_TITLES = [
    "{city}有没有回国创业的交流群？", "从{country}回国后的社保怎么接续？", "{field}方向的博士后机会",
    "大家在{city}租房一般预算多少？", "关于人才公寓申请的经验", "回国第一年的个税问题请教",
    "{field}领域有没有合作的机会？", "在{city}给孩子找国际学校", "推荐{city}适合周末带娃的地方",
    "留学回国人员落户流程分享",
]  # fmt: skip
EN_TITLES = [
    "Anyone else back from {country} working in {field}?", "Best areas to live in {city}",
    "How long did your degree certification take?", "Co-working spaces in {city}",
    "Tips for a first grant application in {field}", "Healthcare for families in {city}",
    "Finding a mentor for a {field} start-up", "Weekend hiking near {city}",
]  # fmt: skip
ZH_BODIES = [
    "我是去年从{country}回来的，现在在{city}工作，研究方向是{field}。想听听大家的经验，谢谢！",
    "最近在准备相关材料，发现各个窗口要求不太一样。有经验的朋友能不能分享一下具体流程？",
    "整理了一些自己的体会：\n\n- 提前在网上预约\n- 材料带齐原件和复印件\n- 有问题可以先到之家咨询\n\n供参考。",
]  # fmt: skip
EN_BODIES = [
    "I moved back from {country} last year and now work in {city} on {field}. Would love to "
    "hear how others handled this.",
    "The rules seem to differ between offices. Could someone who has done it recently share "
    "the steps?",
    "A few notes from my own experience:\n\n- book online first\n- bring originals and copies\n"
    "- ask at the Home's window if unsure",
]  # fmt: skip
ZH_REPLIES = [
    "我也遇到过类似的情况，后来在之家窗口一次就办好了。", "谢谢分享，很有帮助！",
    "建议先打电话确认一下需要的材料，能少跑一趟。", "同问，坐等回复。",
    "我们公司有类似的岗位，感兴趣可以私信。", "去年办的，大概两周就拿到了。",
    "{city}这边的政策和其他城市不太一样，要注意。", "补充一点：记得保留好所有的原件。",
]  # fmt: skip
EN_REPLIES = [
    "Same here; the Home's window sorted it out in one visit.", "Thanks, this is really useful!",
    "Call ahead to check the documents, it saves a trip.", "Following, I have the same question.",
    "It took about two weeks for me last year.", "The rules in {city} differ a bit, watch out.",
    "Happy to share more details if you message me.", "Agree with the above.",
]  # fmt: skip

CIRCLES = [
    ("nanjing-returnees", "city", "南京留学归国人员圈", "Nanjing returnees", "320100", None, None, ""),
    ("suzhou-returnees", "city", "苏州留学归国人员圈", "Suzhou returnees", "320500", None, None, ""),
    ("uk-alumni", "alumni", "留英校友会", "UK alumni", None, None, "GB", ""),
    ("us-alumni", "alumni", "留美校友会", "US alumni", None, None, "US", ""),
    ("cambridge-alumni", "alumni", "剑桥大学校友（江苏）", "Cambridge alumni in Jiangsu", None, None, None,
     "University of Cambridge"),
    ("ai-research", "field", "人工智能研究者", "AI researchers", None, "08", None, ""),
    ("biomed", "field", "生物医药", "Biomedicine", None, "10", None, ""),
    ("hiking", "interest", "周末徒步", "Weekend hiking", None, None, None, ""),
    ("founders", "interest", "回国创业者", "Returnee founders", None, None, None, ""),
]  # fmt: skip

PARTNER_POSTS = [
    ("co_founder", "寻找懂市场的联合创始人", "医学影像AI算法团队，已有两项专利和种子轮投资。",
     "有医疗器械销售或注册经验的合伙人。", "320100", ["医疗", "ai"]),
    ("technical", "Technical partner for a climate-tech start-up",
     "A pilot customer in Changzhou and a grant from the park.",
     "An embedded-systems engineer who wants equity.", "320400", ["climate", "hardware"]),
    ("research", "寻找计算化学方向合作者", "高通量实验平台和样品。", "会做第一性原理计算的合作者。",
     "320100", ["材料", "计算"]),
    ("mentor", "Mentor for a first-time founder", "A working prototype and a small team of three.",
     "Someone who has raised a Series A in China.", "320500", ["funding"]),
    ("flatmate", "苏州园区合租室友", "两室一厅，近地铁1号线，家具齐全。", "作息规律、不吸烟的室友。",
     "320500", ["合租"]),
    ("companion", "Badminton partners in Nanjing", "A court booked every Wednesday evening.",
     "Two or three players of any level.", "320100", ["sport"]),
    ("investor", "寻找天使投资人", "SaaS产品已有30家付费客户。", "熟悉企业服务赛道的天使投资人。",
     "320200", ["saas"]),
]  # fmt: skip

SPAM_TITLE = "高薪兼职，日结，加微信了解"
HELD_TITLE = "财务服务"
SENSITIVE = ["代开发票", "刷单兼职", "fake diploma", "赌博"]


def _talents(limit: int) -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(talent_profile__isnull=False, is_active=True)
        .order_by("pk")[:limit]
    )


def _boards(ctx: DemoContext) -> dict[str, Board]:
    from returnee_home.core.models import City

    boards = {}
    for i, (slug, zh, en, dzh, den) in enumerate(TOPIC_BOARDS):
        boards[slug], _ = Board.objects.get_or_create(
            slug=slug,
            defaults={"name_zh": zh, "name_en": en, "description_zh": dzh,
                      "description_en": den, "position": i},
        )  # fmt: skip
    announcements, _ = Board.objects.get_or_create(
        slug="announcements",
        defaults={"name_zh": "社区公告", "name_en": "Announcements", "position": 9,
                  "posting": Board.Posting.MODERATORS,
                  "description_zh": "省厅发布的社区规则和活动通知。",
                  "description_en": "Community rules and notices from the department."},
    )  # fmt: skip
    boards["announcements"] = announcements
    for i, city in enumerate(City.objects.filter(kind=City.Kind.PREFECTURE).order_by("code")):
        slug = {"320100": "nanjing", "320500": "suzhou"}.get(city.code, f"city-{city.code}")
        boards[slug], _ = Board.objects.get_or_create(
            slug=slug,
            defaults={"name_zh": f"{city.name_zh}版", "name_en": city.name_en, "city": city,
                      "kind": Board.Kind.CITY, "position": 20 + i,
                      "description_zh": f"在{city.name_zh}的工作与生活。",
                      "description_en": f"Working and living in {city.name_en}."},
        )  # fmt: skip
    return boards


def _post_seed_threads(ctx: DemoContext, boards: dict[str, Board], people: list[Any]) -> None:
    if Thread.objects.filter(title=SEED_THREADS[0][3]).exists():
        return
    base = ctx.now - dt.timedelta(days=30)
    for n, (slug, lang, kind, title, body, tags, replies) in enumerate(SEED_THREADS):
        author = people[n % len(people)]
        created = base + dt.timedelta(days=n * 3)
        thread = Thread.objects.create(
            board=boards[slug], author=author, kind=kind, title=title, body=body,
            body_html=markup.render(body), language=lang, last_activity_at=created,
            reply_seq=len(replies),
            reply_count=len(replies),
        )  # fmt: skip
        from returnee_home.community.actions.forum import _tag_objects

        thread.tags.set(_tag_objects(tags))
        index_post(thread, tags=tags)
        rows = []
        for i, text in enumerate(replies, start=1):
            rows.append(Reply(
                thread=thread, position=i, author=people[(n + i) % len(people)], body=text,
                body_html=markup.render(text),
                created_at=created + dt.timedelta(hours=5 * i),
            ))  # fmt: skip
        with keep_given_created_at(Reply, Thread):
            for reply in Reply.objects.bulk_create(rows):
                index_post(reply)
            Thread.objects.filter(pk=thread.pk).update(
                created_at=created, last_activity_at=created + dt.timedelta(hours=5 * len(rows))
            )
        if kind == "question" and rows:
            Thread.objects.filter(pk=thread.pk).update(
                answer=Reply.objects.get(thread=thread, position=1)
            )


_WORDS: dict[str, str] = {}
_HTML: dict[str, str] = {}


def _html(body: str) -> str:
    if body not in _HTML:
        _HTML[body] = markup.render(body)
    return _HTML[body]


def _words(text: str) -> str:
    from returnee_home.core.fulltext import index_words

    if text not in _WORDS:
        _WORDS[text] = index_words(markup.plain_text(text, 20_000))
    return _WORDS[text]


def _insert(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows fast: COPY on PostgreSQL, bulk_create elsewhere (columns are attnames)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(
                f"COPY {model._meta.db_table} ({names}) FROM STDIN"  # noqa: S608 (model metadata)
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
    elif "created_at" in columns:
        with keep_given_created_at(model):
            model.objects.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2_000
            )
    else:
        model.objects.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2_000
        )


THREAD_COLUMNS = [
    "id", "created_at", "updated_at", "board_id", "author_id", "kind", "title", "body",
    "body_html", "language", "status", "moderation_reason", "is_pinned", "is_locked",
    "reply_seq", "reply_count", "score", "last_activity_at",
]  # fmt: skip
REPLY_COLUMNS = [
    "id", "created_at", "updated_at", "thread_id", "position", "author_id", "body", "body_html",
    "status", "moderation_reason", "score",
]  # fmt: skip


def _volume(ctx: DemoContext, boards: dict[str, Board], people: list[Any]) -> None:
    """Generated threads and replies up to the scale's numbers, in batches, with their search
    entries (explicit ids, so that replies can point at their thread without a read back)."""
    target = THREADS[ctx.scale.name]
    reply_target = REPLIES[ctx.scale.name]
    # Generated threads are those beyond the hand-written ones and the two moderation examples.
    on_boards = Thread.objects.filter(board__kind__in=(Board.Kind.TOPIC, Board.Kind.CITY))
    hand_written = [t[3] for t in SEED_THREADS] + [SPAM_TITLE, HELD_TITLE]
    have = on_boards.count() - on_boards.filter(title__in=hand_written).count()
    if have >= target:
        return
    fill = [b for b in boards.values() if b.slug != "announcements"]
    cities = list(ctx.cities.values())
    countries = ["英国", "美国", "德国", "澳大利亚", "日本", "加拿大"]
    countries_en = ["the UK", "the US", "Germany", "Australia", "Japan", "Canada"]
    fields = ["人工智能", "生物医药", "新材料", "集成电路", "金融"]
    fields_en = ["AI", "biomedicine", "materials", "chips", "finance"]
    per_thread = max(1, reply_target // target)
    long_replies = LONG_THREAD[ctx.scale.name]
    author_ids = [p.pk for p in people]
    start = ctx.now - dt.timedelta(days=720)
    span = 720 * 86400
    next_thread = (Thread.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    next_reply = (Reply.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    made_threads = made_replies = 0
    for lo in range(have, target, BATCH):
        hi = min(target, lo + BATCH)
        threads: list[tuple[Any, ...]] = []
        thread_entries: list[tuple[Any, ...]] = []
        replies: list[tuple[Any, ...]] = []
        reply_entries: list[tuple[Any, ...]] = []
        for i in range(lo, hi):
            rng = ctx.rng_for("community-thread", i)
            zh = rng.random() < 0.6
            city = cities[rng.randrange(len(cities))]
            k = rng.randrange(len(countries))
            f = rng.randrange(len(fields))
            values = {"city": city.name_zh if zh else city.name_en,
                      "country": countries[k] if zh else countries_en[k],
                      "field": fields[f] if zh else fields_en[f]}  # fmt: skip
            title = rng.choice(ZH_TITLES if zh else EN_TITLES).format(**values)
            body = rng.choice(ZH_BODIES if zh else EN_BODIES).format(**values)
            created = start + dt.timedelta(seconds=rng.randrange(span))
            n = long_replies if i == 0 else rng.randint(0, 2 * per_thread)
            board = fill[rng.randrange(len(fill))]
            last = created + dt.timedelta(hours=n)
            thread_id = next_thread
            next_thread += 1
            threads.append((
                thread_id, created, last, board.pk, rng.choice(author_ids),
                "question" if rng.random() < 0.3 else "discussion", title[:150], body,
                _html(body), "zh-hans" if zh else "en", PostStatus.PUBLISHED, "", False, False,
                n, n, rng.randint(0, 30), last,
            ))  # fmt: skip
            thread_entries.append((thread_id, _words(title), _words(body)))
            place = board.name_zh if zh else board.name_en
            for position in range(1, n + 1):
                text = rng.choice(ZH_REPLIES if zh else EN_REPLIES).format(city=place)
                when = created + dt.timedelta(hours=position)
                replies.append((
                    next_reply, when, when, thread_id, position, rng.choice(author_ids), text,
                    _html(text), PostStatus.PUBLISHED, "", rng.randint(0, 5),
                ))  # fmt: skip
                reply_entries.append((next_reply, "", _words(text)))
                next_reply += 1
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # demo data: no need to wait for the disk
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            _insert(Thread, THREAD_COLUMNS, threads)
            _insert(ThreadSearchEntry, ["thread_id", "head_words", "body_words"], thread_entries)
            _insert(Reply, REPLY_COLUMNS, replies)
            _insert(ReplySearchEntry, ["reply_id", "head_words", "body_words"], reply_entries)
        made_threads += len(threads)
        made_replies += len(replies)
        ctx.log(f"community: {have + made_threads}/{target} threads, {made_replies} replies")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Thread, Reply]):
                cursor.execute(sql)
    # Board counters from what is there (one grouped query each).
    counts = (
        Thread.objects.filter(status=PostStatus.PUBLISHED)
        .values("board_id")
        .annotate(n=Count("id"), r=Sum("reply_count"), last=Max("last_activity_at"))
    )
    for row in counts:
        Board.objects.filter(pk=row["board_id"]).update(
            thread_count=row["n"], reply_count=row["r"] or 0, last_activity_at=row["last"]
        )


def _circles(ctx: DemoContext, people: list[Any], demo: dict[str, Any]) -> dict[str, Circle]:
    from returnee_home.core.models import City, Country, Discipline

    made = {}
    for i, (slug, kind, zh, en, city, field, country, institution) in enumerate(CIRCLES):
        circle = Circle.objects.filter(slug=slug).first()
        if circle is None:
            board = Board.objects.create(
                slug=f"circle-{slug}", kind=Board.Kind.CIRCLE, name_zh=zh, name_en=en,
                position=1000,
            )  # fmt: skip
            circle = Circle.objects.create(
                slug=slug, kind=kind, name_zh=zh, name_en=en, board=board,
                joining=Circle.Joining.APPROVAL if i % 4 == 3 else Circle.Joining.OPEN,
                description_zh=f"{zh}：交流信息、组织活动、互相帮助。",
                description_en=f"{en}: share news, meet up and help each other.",
                city=City.objects.filter(code=city).first() if city else None,
                discipline=Discipline.objects.filter(code=field).first() if field else None,
                country=Country.objects.filter(code=country).first() if country else None,
                institution=institution, events_url="/events/" if i % 2 == 0 else "",
                created_by=people[i % len(people)],
            )  # fmt: skip
            members = {people[(i * 7 + j) % len(people)].pk: people[(i * 7 + j) % len(people)]
                       for j in range(12)}  # fmt: skip
            if i in (0, 7):
                members[demo["talent"].pk] = demo["talent"]
                members[demo["partner"].pk] = demo["partner"]
            CircleMember.objects.bulk_create([
                CircleMember(circle=circle, user=u, status=CircleMember.Status.MEMBER,
                             is_organiser=n == 0, listed=n % 5 != 4)
                for n, u in enumerate(members.values())
            ])  # fmt: skip
            circle.member_count = len(members)
            circle.save(update_fields=["member_count"])
            if circle.joining == Circle.Joining.APPROVAL:
                CircleMember.objects.get_or_create(
                    circle=circle, user=people[(i + 20) % len(people)],
                    defaults={"status": CircleMember.Status.PENDING, "note": "希望加入，谢谢！"},
                )  # fmt: skip
            welcome = Thread.objects.create(
                board=board, author=circle.created_by, title=f"欢迎加入{zh} · Welcome to {en}",
                body="请先做个简单的自我介绍。\n\nPlease introduce yourself briefly.",
                body_html=markup.render("请先做个简单的自我介绍。\n\nPlease introduce yourself briefly."),
                last_activity_at=ctx.now,
            )  # fmt: skip
            index_post(welcome)
            Board.objects.filter(pk=board.pk).update(thread_count=1, last_activity_at=ctx.now)
        made[slug] = circle
    return made


def _partners(ctx: DemoContext, people: list[Any], demo: dict[str, Any]) -> None:
    from returnee_home.community.actions.forum import _tag_objects
    from returnee_home.core.models import City

    if PartnerPost.objects.filter(title=PARTNER_POSTS[0][1]).exists():
        return
    posts = []
    for i, (kind, title, bring, seek, city, tags) in enumerate(PARTNER_POSTS):
        author = demo["talent"] if i == 0 else people[(i * 3) % len(people)]
        post = PartnerPost.objects.create(
            author=author, kind=kind, title=title, bring=bring, seek=seek,
            city=City.objects.filter(code=city).first(),
        )  # fmt: skip
        post.tags.set(_tag_objects(tags))
        posts.append(post)
    # Someone asked the demo talent for an introduction (waiting); the demo employer is
    # connected with the demo talent; the talent asked about another post.
    Introduction.objects.create(
        post=posts[0], requester=people[5 % len(people)],
        note="我在医疗器械公司做过五年注册和销售，很想聊聊。",
    )  # fmt: skip
    Introduction.objects.create(
        post=posts[0], requester=demo["employer"], status=Introduction.Status.CONNECTED,
        note="We distribute imaging devices in East China and look for AI partners.",
        decided_at=ctx.now,
    )  # fmt: skip
    Introduction.objects.create(
        post=posts[2], requester=demo["talent"], note="我们实验室有计算资源，可以合作。"
    )


def _conversations(ctx: DemoContext, demo: dict[str, Any]) -> None:
    talent, employer, partner = demo["talent"], demo["employer"], demo["partner"]
    if ConversationMember.objects.filter(user=talent).exists():
        return
    lines = [
        (employer, "你好，看到你的项目介绍，我们在华东有影像设备的渠道，想约个时间聊聊。"),
        (talent, "您好！很高兴认识您。下周二下午方便吗？可以来我们在江北新区的办公室。"),
        (employer, "Tuesday at 3 pm works. I'll bring our product manager."),
        (talent, "Great, see you then. I'll send the address the day before."),
    ]
    for pair, chat in (
        ((talent, employer), lines),
        (
            (talent, partner),
            [
                (partner, "周末徒步群这周去紫金山，你来吗？"),
                (talent, "来的！几点集合？"),
                (partner, "早上八点，中山陵停车场。"),
            ],
        ),
    ):
        conversation = Conversation.objects.create(created_by=pair[0])
        ConversationMember.objects.bulk_create(
            [ConversationMember(conversation=conversation, user=u) for u in pair]
        )
        when = ctx.now - dt.timedelta(days=2)
        rows = []
        for sender, body in chat:
            rows.append(Message(conversation=conversation, sender=sender, body=body))
        Message.objects.bulk_create(rows)
        for n, message in enumerate(
            Message.objects.filter(conversation=conversation).order_by("pk")
        ):
            Message.objects.filter(pk=message.pk).update(
                created_at=when + dt.timedelta(minutes=7 * n)
            )
        last = when + dt.timedelta(minutes=7 * (len(rows) - 1))
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=last)
        ConversationMember.objects.filter(conversation=conversation, user=pair[0]).update(
            last_read_at=when
        )


def _moderation(ctx: DemoContext, boards: dict[str, Board], people: list[Any], demo: Any) -> None:
    for word in SENSITIVE:
        SensitiveWord.objects.get_or_create(
            normalised=markup.normalise(word), defaults={"word": word, "note": "示例"}
        )
    if Report.objects.exists():
        return
    spam = Thread.objects.create(
        board=boards["entrepreneurship"], author=people[-1], title=SPAM_TITLE,
        body="在家轻松赚钱，每天两小时，月入过万。", body_html=markup.render("在家轻松赚钱，每天两小时，月入过万。"),
        last_activity_at=ctx.now,
    )  # fmt: skip
    index_post(spam)
    Report.objects.create(reporter=demo["talent"], thread=spam, reason=Report.Reason.SPAM,
                          detail="明显的广告。")  # fmt: skip
    reply = Reply.objects.filter(thread__board=boards["life-in-jiangsu"]).order_by("pk").first()
    if reply is not None:
        Report.objects.create(reporter=people[2], reply=reply, reason=Report.Reason.MISINFORMATION,
                              detail="The documents listed are out of date.")  # fmt: skip
    Report.objects.create(reporter=people[3], member=people[-1], reason=Report.Reason.ABUSE,
                          detail="Sends the same advert to everyone in the circle.")  # fmt: skip
    body = "有需要代 开 发 票的可以联系我。"
    Thread.objects.create(
        board=boards["entrepreneurship"], author=people[-2], title=HELD_TITLE, body=body,
        body_html=markup.render(body), status=PostStatus.HELD, last_activity_at=ctx.now,
    )  # fmt: skip


def seed(ctx: DemoContext) -> None:
    demo = ctx.shared["demo_users"]
    people = _talents(400) or [demo["talent"]]
    people = [p for p in people if p.pk != demo["talent"].pk] or people
    boards = _boards(ctx)
    _post_seed_threads(ctx, boards, [demo["talent"], *people[:30]])
    _volume(ctx, boards, [demo["talent"], *people])
    _circles(ctx, people, demo)
    _partners(ctx, people, demo)
    _conversations(ctx, demo)
    _moderation(ctx, boards, people, demo)
    ctx.log(
        f"community: {len(boards)} boards, {Thread.objects.count()} threads, "
        f"{Circle.objects.count()} circles, {PartnerPost.objects.count()} partner posts"
    )
