"""The demo province is built by the apps themselves: each app may have a `demo` module
(`returnee_home.<app>.demo`) exposing `ORDER: int` and `seed(ctx: DemoContext) -> None`.
`seed_demo` discovers them, runs them in ORDER, and each one adds only what is missing, so a
second run changes nothing and a larger scale tops up.

Every generated row is derived from `ctx.rng_for(kind, index)`, a random generator seeded by
the demo seed, the kind of thing and its index: item 17 is the same at every scale, which is
what makes topping up and reproducing possible."""

import importlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from django.apps import apps
from django.utils import timezone

DATA_DIR = Path(__file__).resolve().parent / "data"
PACKAGE_PREFIX = "returnee_home."


@dataclass(frozen=True)
class Scale:
    """How much of each thing a scale generates (Homes and cities are the same at every scale)."""

    name: str
    rank: int
    talents: int
    employers: int
    experts: int
    recommenders_per_city: int
    partners_per_city: int


SCALES: dict[str, Scale] = {
    s.name: s
    for s in (
        # `tiny` is for the test suite: every kind of thing, a few of each.
        Scale(
            "tiny",
            0,
            talents=40,
            employers=30,
            experts=4,
            recommenders_per_city=1,
            partners_per_city=1,
        ),
        Scale(
            "small",
            1,
            talents=1_000,
            employers=150,
            experts=12,
            recommenders_per_city=2,
            partners_per_city=2,
        ),
        Scale(
            "medium",
            2,
            talents=20_000,
            employers=1_200,
            experts=40,
            recommenders_per_city=3,
            partners_per_city=3,
        ),
        Scale(
            "large",
            3,
            talents=100_000,
            employers=5_000,
            experts=120,
            recommenders_per_city=4,
            partners_per_city=5,
        ),
    )
}


class DemoModule(Protocol):
    ORDER: int

    def seed(self, ctx: "DemoContext") -> None: ...


@dataclass
class DemoContext:
    """What every app's `seed` receives: the seed and scale, reproducible randomness, the
    shared password hash of generated people, cached reference lookups, and `shared`, where
    earlier modules leave what later ones need (e.g. the Homes, the demo accounts)."""

    seed: int
    scale: Scale
    password_hash: str
    now: datetime = field(default_factory=timezone.now)
    shared: dict[str, Any] = field(default_factory=dict)
    log: Callable[[str], None] = print
    batch_size: int = 2_000

    @cached_property
    def rng(self) -> random.Random:
        return random.Random(self.seed)

    def rng_for(self, *key: object) -> random.Random:
        """A generator for one item, the same for the same seed and key at any scale."""
        return random.Random(f"{self.seed}:" + ":".join(str(k) for k in key))

    # Reference data, loaded once per run.
    @cached_property
    def cities(self) -> dict[str, Any]:
        return {c.code: c for c in apps.get_model("core", "City").objects.all()}

    @cached_property
    def industries(self) -> dict[str, Any]:
        return {i.code: i for i in apps.get_model("core", "IndustryCluster").objects.all()}

    @cached_property
    def countries(self) -> dict[str, Any]:
        return {c.code: c for c in apps.get_model("core", "Country").objects.all()}

    @cached_property
    def disciplines(self) -> dict[str, Any]:
        """First-level disciplines (four-digit codes) by code."""
        model = apps.get_model("core", "Discipline")
        return {d.code: d for d in model.objects.filter(parent__isnull=False)}

    @cached_property
    def degree_levels(self) -> dict[str, Any]:
        return {d.code: d for d in apps.get_model("core", "DegreeLevel").objects.all()}

    @cached_property
    def languages(self) -> dict[str, Any]:
        return {x.code: x for x in apps.get_model("core", "Language").objects.all()}

    @cached_property
    def service_categories(self) -> list[Any]:
        return list(apps.get_model("core", "ServiceCategory").objects.all())

    @cached_property
    def universities(self) -> list[dict[str, str]]:
        return json.loads((DATA_DIR / "universities.json").read_text(encoding="utf-8"))

    def chunks(self, items: list[Any]) -> list[list[Any]]:
        size = self.batch_size
        return [items[i : i + size] for i in range(0, len(items), size)]


def demo_modules() -> list[ModuleType]:
    """Every installed app's `demo` module, in ORDER (then app label)."""
    found: list[tuple[int, str, ModuleType]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith(PACKAGE_PREFIX):
            continue
        name = f"{config.name}.demo"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        has_seed, has_order = hasattr(module, "seed"), hasattr(module, "ORDER")
        if not has_seed and not has_order:
            continue  # e.g. this package, `returnee_home.core.demo`: helpers, no part to add
        if not callable(getattr(module, "seed", None)) or not isinstance(module.ORDER, int):
            raise TypeError(f"{name} must define ORDER: int and seed(ctx).")
        found.append((module.ORDER, config.label, module))
    return [module for _order, _label, module in sorted(found, key=lambda t: (t[0], t[1]))]
