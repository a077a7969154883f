"""The demo policies: written ones across levels with interpretations and benefits, added
once; the synthetic top-up reaches the requested number of documents."""

from typing import Any

from returnee_home.core.demo.registry import SCALES, DemoContext
from returnee_home.policies import demo
from returnee_home.policies.models import Benefit, Interpretation, Level, Policy, PolicySearchEntry
from returnee_home.policies.selectors import PolicyFilters, search


def _ctx() -> DemoContext:
    return DemoContext(seed=2026, scale=SCALES["tiny"], password_hash="", log=lambda _m: None)


def test_demo_policies(db: Any) -> None:
    demo.seed(_ctx())
    assert Policy.objects.count() >= 60
    assert set(Policy.objects.values_list("level", flat=True)) == set(Level.values)
    assert Interpretation.objects.count() == Policy.objects.count()
    assert Benefit.objects.filter(status=Benefit.Status.PUBLISHED).count() >= 30
    assert Policy.objects.filter(status=Policy.Status.SUPERSEDED, superseded_by__isnull=False)
    demo.seed(_ctx())
    assert Interpretation.objects.count() == Policy.objects.count()  # nothing added twice
    assert search(PolicyFilters(q="租房补贴")).total > 0


def test_synthetic_top_up(db: Any) -> None:
    ctx = _ctx()
    ctx.batch_size = 50
    demo._synthetic(ctx, 120)
    assert PolicySearchEntry.objects.count() >= 120
    assert search(PolicyFilters(q="人才公寓 OR 安家补贴")).total > 0
