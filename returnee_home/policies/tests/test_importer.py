"""Importing policy documents: the seed in two scripts into one record, and bad files
reported by line with nothing half-imported."""

import io
import zipfile
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation

from returnee_home.policies.actions import ImportStatus, policy_import_batch, policy_import_text
from returnee_home.policies.importer import parse_policy_text
from returnee_home.policies.models import Level, Policy, PolicySearchEntry, PolicySource
from returnee_home.policies.tests.factories import (
    PolicyFactory,
    seed_file,
    traditional,
    with_readings,
)

GOOD = (
    "发布时间：2024-03-01\n政策级别:市级\n发文部门：南京市人力资源和社会保障局\n"
    "政策主题：住房保障、资金补贴\n宁人社〔2024〕7号\n各区人力资源和社会保障局:\n"
    "现将留学回国人员租房补贴有关事项通知如下：\n一、补贴标准……\n"
)

needs_seed = pytest.mark.skipif(
    not seed_file("notice-2020-212.zh.txt").exists(), reason="shared seed files not present"
)


@needs_seed
def test_both_seed_scripts_import_into_one_record(db: Any) -> None:
    simplified = seed_file("notice-2020-212.zh-hans.txt").read_bytes()
    with_pinyin = seed_file("notice-2020-212.zh.txt").read_bytes()
    first = policy_import_text(actor=None, file_name="a.txt", data=with_pinyin)
    second = policy_import_text(actor=None, file_name="b.txt", data=simplified)
    assert first.status == ImportStatus.CREATED, first.problems
    assert second.status == ImportStatus.ADDED_SCRIPT
    assert Policy.objects.count() == 1
    policy = Policy.objects.get()
    assert policy.document_number == "苏人社函〔2020〕212号"
    assert policy.level == Level.PROVINCIAL
    assert policy.department.name_zh == "江苏省人力资源和社会保障厅"
    assert [t.name_zh for t in policy.themes.all()] == ["资质荣誉"]
    assert str(policy.published_on) == "2020-08-28"
    assert policy.title_zh == "关于开展“江苏省留学人员之家”建设工作的通知"
    assert "(fā)" not in policy.body_zh and traditional("发") not in policy.body_zh
    assert "展(显)示屏" in policy.body_zh  # a bracket that is not a reading stays
    scripts = sorted(policy.sources.values_list("script", flat=True))
    assert scripts == [PolicySource.Script.READINGS, PolicySource.Script.SIMPLIFIED]
    assert policy.sources.get(script=PolicySource.Script.READINGS).text.startswith(
        with_readings(traditional("发"), {0: "fā"})
    )
    again = policy_import_text(actor=None, file_name="b.txt", data=simplified)
    assert again.status == ImportStatus.UNCHANGED


@needs_seed
def test_batch_with_english_rendering(db: Any) -> None:
    files = [
        (name, seed_file(name).read_bytes())
        for name in ("notice-2020-212.zh.txt", "notice-2020-212.en.md")
    ]
    reports = policy_import_batch(actor=None, files=files)
    assert [r.status for r in reports] == [ImportStatus.CREATED, ImportStatus.ENGLISH]
    assert "Jiangsu Home for Returned Overseas Students" in Policy.objects.get().body_en


def test_full_and_half_width_colons(db: Any) -> None:
    report = policy_import_text(actor=None, file_name="nj.txt", data=GOOD.encode())
    assert report.ok, report.problems
    policy = report.policy
    assert policy.level == Level.MUNICIPAL
    assert {t.code for t in policy.themes.all()} == {"housing", "grants-subsidies"}
    assert policy.title_zh == "关于留学回国人员租房补贴有关事项的通知"
    assert PolicySearchEntry.objects.filter(policy=policy).exists()


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("市级", "乡级"), 2, "乡级"),
        (GOOD.replace("2024-03-01", "2024-02-30"), 1, "2024-02-30"),
        (GOOD.replace("2024-03-01", "三月一日"), 1, "三月一日"),
        (GOOD.replace("政策级别:市级\n", ""), 4, "政策级别"),
        (GOOD.replace("宁人社〔2024〕7号\n", ""), 5, "document number"),
        (GOOD.replace("住房保障、资金补贴", "住房保障、星际旅行"), 4, "星际旅行"),
    ],
)
def test_bad_files_are_reported_by_line_and_nothing_is_imported(
    db: Any, text: str, line: int, words: str
) -> None:
    report = policy_import_text(actor=None, file_name="bad.txt", data=text.encode())
    assert report.status == ImportStatus.FAILED
    assert any(p.line == line and words in p.message for p in report.problems), report.problems
    assert not Policy.objects.exists()
    assert not PolicySource.objects.exists()


def test_several_problems_are_all_reported() -> None:
    text = GOOD.replace("市级", "乡级").replace("2024-03-01", "someday")
    _parsed, problems = parse_policy_text(text)
    assert [p.line for p in problems] == [1, 2]


def test_same_number_different_text_is_a_duplicate(db: Any) -> None:
    PolicyFactory(document_number="宁人社〔2024〕7号")
    report = policy_import_text(actor=None, file_name="nj.txt", data=GOOD.encode())
    assert report.status == ImportStatus.FAILED
    assert "宁人社〔2024〕7号" in report.problems[0].message
    assert report.problems[0].line == 5
    assert Policy.objects.count() == 1


def test_not_text(db: Any) -> None:
    report = policy_import_text(
        actor=None, file_name="x.txt", data=b"\x89PNG\r\n\x1a\n\xff\xfe\x00"
    )
    assert report.status == ImportStatus.FAILED


def test_gb18030_and_traditional(db: Any) -> None:
    text = GOOD.replace("发布时间", traditional("发布时间")).replace(
        "政策级别", traditional("政策级别")
    )
    report = policy_import_text(actor=None, file_name="gb.txt", data=text.encode("gb18030"))
    assert report.ok, report.problems
    assert report.policy.sources.get().script == PolicySource.Script.TRADITIONAL


def test_zip_batch_one_bad_file_does_not_stop_the_others(db: Any, tmp_path: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("good.txt", GOOD)
        archive.writestr(
            "bad.txt", GOOD.replace("宁人社〔2024〕7号", "宁人社〔2024〕8号").replace("市级", "?")
        )
        archive.writestr("picture.png", b"\x89PNG")
    path = tmp_path / "batch.zip"
    path.write_bytes(buffer.getvalue())
    out = io.StringIO()
    with pytest.raises(SystemExit), translation.override("en"):
        call_command("import_policies", str(path), stdout=out)
    text = out.getvalue()
    assert "good.txt: Imported as a new policy." in text
    assert "bad.txt: Not imported." in text and "Line 2" in text
    assert Policy.objects.count() == 1
