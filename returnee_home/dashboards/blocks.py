"""What a dashboard is made of: headline figures and blocks. A block is a table (a label column
and number columns); a chart is drawn from the same table, so the chart, its text summary, its
data table, the .xlsx export and the monthly report always agree."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass
class Figure:
    """A headline figure: a number (or None when it does not apply) with what it means."""

    key: str
    label: str
    value: int | float | None
    unit: str = ""  # "%" for shares
    note: str = ""
    alert: bool = False


@dataclass
class Block:
    """A table of figures, drawn as `chart` ("bar", "hbar", "line", "stack", "" for none)."""

    key: str
    title: str
    columns: list[str]  # the label column's heading, then one heading per number column
    rows: list[list[Any]]  # [label, number, number, ...]
    chart: str = "bar"
    summary: str = ""
    note: str = ""
    links: list[str] = field(default_factory=list)  # optional URL per row (the label links)
    chart_columns: int = 0  # how many number columns the chart draws (0: all)
    chart_rows: int | None = None  # how many rows the chart draws (None: all; leaves out totals)

    def __post_init__(self) -> None:
        if not self.summary:
            self.summary = describe(self)

    @property
    def chart_data(self) -> dict[str, Any]:
        rows = self.rows[: self.chart_rows] if self.chart_rows is not None else self.rows
        names = self.columns[1:]
        if self.chart_columns:
            names = names[: self.chart_columns]
        return {
            "kind": self.chart,
            "labels": [str(r[0]) for r in rows],
            "series": [
                {"name": str(name), "values": [r[i + 1] for r in rows]}
                for i, name in enumerate(names)
            ],
        }

    @property
    def linked_rows(self) -> list[tuple[str, list[Any]]]:
        links = self.links or [""] * len(self.rows)
        return list(zip(links, self.rows, strict=False))


def describe(block: Block) -> str:
    """A sentence a screen reader (or a reader of the printout) gets instead of the chart."""
    if not block.rows:
        return _("No figures for this period.")
    numbers = [r[1] for r in block.rows if isinstance(r[1], int | float)]
    if not numbers:
        return ""
    if block.chart == "line":
        first, last = block.rows[0], block.rows[-1]
        top = max(block.rows, key=lambda r: r[1] if isinstance(r[1], int | float) else -1)
        return _(
            "%(series)s from %(first_label)s (%(first)s) to %(last_label)s (%(last)s); "
            "highest in %(top_label)s (%(top)s)."
        ) % {
            "series": block.columns[1],
            "first_label": first[0],
            "first": _number(first[1]),
            "last_label": last[0],
            "last": _number(last[1]),
            "top_label": top[0],
            "top": _number(top[1]),
        }
    top = max(block.rows, key=lambda r: r[1] if isinstance(r[1], int | float) else -1)
    bottom = min(block.rows, key=lambda r: r[1] if isinstance(r[1], int | float) else 1e18)
    return _(
        "%(series)s: %(count)s rows totalling %(total)s; highest %(top_label)s (%(top)s), "
        "lowest %(bottom_label)s (%(bottom)s)."
    ) % {
        "series": block.columns[1],
        "count": len(block.rows),
        "total": _number(sum(numbers)),
        "top_label": top[0],
        "top": _number(top[1]),
        "bottom_label": bottom[0],
        "bottom": _number(bottom[1]),
    }


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def share(part: int, whole: int) -> float | None:
    """Percent with one decimal, None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def change(now: int, before: int) -> float | None:
    """Percent change, None when the earlier figure is zero."""
    return round(100 * (now - before) / before, 1) if before else None
