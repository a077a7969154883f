"""The one wording of a batch's label, in both languages, for batches and Homes."""

import pytest
from django.template import Context, Template
from django.utils import translation

from returnee_home.naming.labels import (
    batch_label_display,
    chinese_number,
    localise_batch_label,
    number_from_chinese,
)
from returnee_home.naming.models import NamingBatch


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (4, "四"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一")]
)
def test_chinese_numbers_both_ways(n: int, text: str) -> None:
    assert chinese_number(n) == text
    assert number_from_chinese(text) == n


def test_batch_and_home_labels_agree_in_both_languages() -> None:
    batch = NamingBatch(year=2021, number=1)
    assert batch.label == "2021年第一批"
    with translation.override("zh-hans"):
        assert batch.display_label == "2021年第一批"
        assert localise_batch_label(batch.label) == "2021年第一批"
    with translation.override("en"):
        assert batch.display_label == "2021, batch 1"
        assert localise_batch_label("2021年第一批") == "2021, batch 1"
        assert localise_batch_label("2024年第3批") == "2024, batch 3"
        assert localise_batch_label("试点批次") == "试点批次"
        rendered = Template("{% load naming_labels %}{{ label|batch_label }}").render(
            Context({"label": "2022年第二批"})
        )
        assert rendered == "2022, batch 2"
    assert batch_label_display(2026, 4) in ("2026年第四批", "2026, batch 4")


@pytest.mark.django_db
def test_condition_details_are_kept_in_both_languages(naming: dict) -> None:
    """The snapshot of the conditions reads in the reader's language (the Chinese forms and
    an English-speaking reviewer see the same evaluation)."""
    from returnee_home.naming.tests.conftest import advance
    from returnee_home.naming.views.workspace import _condition_rows

    app = advance(naming, "submitted")
    app.refresh_from_db()
    stored = app.conditions["staff"]
    assert (
        stored["detail_zh"] and stored["detail_en"] and stored["detail_zh"] != stored["detail_en"]
    )
    with translation.override("en"):
        assert _condition_rows(app.conditions)[2]["detail"] == stored["detail_en"]
    with translation.override("zh-hans"):
        assert _condition_rows(app.conditions)[2]["detail"] == stored["detail_zh"]
