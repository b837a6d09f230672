"""Charts of the evaluation report, drawn on the server as inline SVG (no JavaScript, no
build step, printable). These functions only compute geometry; the templates
(``templates/evaluation/partials/chart_*.html``) draw it, each chart with a text
alternative and a table of its figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

Number = Decimal | float | int

SERIES = 6  # distinct colours of parties (CSS classes series-0 … series-5)


def _f(value: Number) -> float:
    return float(value)


# --------------------------------------------------------------------------- bars


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: float
    width: float
    text_y: float
    value_x: float
    css: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]

    @property
    def label_x(self) -> int:
        return self.label_width - 8

    @property
    def label_chars(self) -> int:
        """Characters that fit left of the bars (13 px text, about 7 px a character)."""
        return max(8, (self.label_width - 12) // 7)


def horizontal_bars(
    items: Sequence[tuple[str, Number, str]],
    *,
    width: int = 680,
    label_width: int = 250,
    bar_height: int = 22,
    gap: int = 12,
    css: Sequence[str] = (),
) -> BarChart:
    """One bar per (label, value, value text); bars share one scale from 0."""
    top = max((_f(value) for _label, value, _text in items), default=0.0)
    plot = width - label_width - 110
    bars = []
    for index, (label, value, text) in enumerate(items):
        y = index * (bar_height + gap) + gap / 2
        length = plot * _f(value) / top if top > 0 else 0.0
        bars.append(
            Bar(
                label=label,
                value_text=text,
                y=y,
                width=round(max(length, 0.0), 1),
                text_y=y + bar_height * 0.7,
                value_x=round(label_width + max(length, 0.0) + 8, 1),
                css=css[index] if index < len(css) else f"series-{index % SERIES}",
            )
        )
    height = int(len(items) * (bar_height + gap) + gap)
    return BarChart(
        width=width, height=height, label_width=label_width, bar_height=bar_height, bars=tuple(bars)
    )


# --------------------------------------------------------------------------- line


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: str
    dots: tuple[Dot, ...]
    baseline_y: float
    target_y: float
    left: int
    right: int
    first_label: str
    last_label: str

    @property
    def axis_y(self) -> int:
        return self.height - 5


def line_chart(
    points: Sequence[tuple[dt.date, Number]],
    *,
    baseline: Number,
    target: Number,
    width: int = 360,
    height: int = 140,
    labels: Sequence[str] = (),
) -> LineChart:
    """Measurements over time against the baseline and the target (two horizontal
    lines); the vertical scale holds all of them."""
    left, right, top_pad, bottom_pad = 8, 8, 12, 22
    values = [_f(value) for _date, value in points] + [_f(baseline), _f(target)]
    low, high = min(values), max(values)
    if high == low:
        high = low + 1
    plot_h = height - top_pad - bottom_pad
    plot_w = width - left - right

    def y_of(value: Number) -> float:
        return round(top_pad + plot_h * (1 - (_f(value) - low) / (high - low)), 1)

    days = [date.toordinal() for date, _value in points]
    first, last = (min(days), max(days)) if days else (0, 0)
    span = last - first

    def x_of(date: dt.date) -> float:
        if span == 0:
            return round(left + plot_w / 2, 1)
        return round(left + plot_w * (date.toordinal() - first) / span, 1)

    dots = tuple(
        Dot(
            x=x_of(date),
            y=y_of(value),
            label=labels[index] if index < len(labels) else str(value),
        )
        for index, (date, value) in enumerate(points)
    )
    return LineChart(
        width=width,
        height=height,
        points=" ".join(f"{dot.x},{dot.y}" for dot in dots),
        dots=dots,
        baseline_y=y_of(baseline),
        target_y=y_of(target),
        left=left,
        right=width - right,
        first_label=points[0][0].strftime("%d/%m/%Y") if points else "",
        last_label=points[-1][0].strftime("%d/%m/%Y") if len(points) > 1 else "",
    )


# --------------------------------------------------------------------------- ratings


@dataclass(frozen=True)
class RatingDot:
    cx: float
    cy: float
    series: int
    text: str


@dataclass(frozen=True)
class RatingRow:
    label: str
    y: float
    label_y: float
    band_y: float
    dots: tuple[RatingDot, ...]
    divergent: bool
    band_x: float
    band_width: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class RatingChart:
    width: int
    height: int
    label_width: int
    rows: tuple[RatingRow, ...]
    ticks: tuple[Tick, ...]
    axis_y: float
    row_height: int

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 16

    @property
    def label_chars(self) -> int:
        return max(8, (self.label_width - 12) // 7)


def rating_chart(
    rows: Sequence[tuple[str, Sequence[tuple[int, str, int | None]], bool]],
    *,
    width: int = 680,
    label_width: int = 300,
    row_height: int = 34,
) -> RatingChart:
    """Each criterion on a row, each party's rating (1 to 5) as a dot of its colour; a
    divergent row is banded from the lowest to the highest rating."""
    plot_left = label_width + 10
    plot_w = width - plot_left - 20
    step = plot_w / 4

    def x_of(rating: int) -> float:
        return round(plot_left + step * (rating - 1), 1)

    built = []
    for index, (label, ratings, divergent) in enumerate(rows):
        y = index * row_height + row_height / 2 + 4
        given = [(series, name, rating) for series, name, rating in ratings if rating is not None]
        # Parties giving the same rating sit side by side rather than on top of each other.
        values = [rating for _series, _name, rating in given if rating is not None]
        counts = {rating: values.count(rating) for rating in values}
        seen: dict[int, int] = {}
        dots = []
        for series, name, rating in given:
            assert rating is not None
            offset = seen.get(rating, 0)
            seen[rating] = offset + 1
            shift = (offset - (counts[rating] - 1) / 2) * 9
            dots.append(
                RatingDot(
                    cx=x_of(rating),
                    cy=round(y + shift, 1),
                    series=series % SERIES,
                    text=f"{name} : {rating}/5",
                )
            )
        low, high = (min(values), max(values)) if values else (1, 1)
        built.append(
            RatingRow(
                label=label,
                y=round(y, 1),
                label_y=round(y + 4, 1),
                band_y=round(y - 13, 1),
                dots=tuple(dots),
                divergent=divergent,
                band_x=x_of(low) - 10,
                band_width=round(x_of(high) - x_of(low) + 20, 1),
            )
        )
    axis_y = len(rows) * row_height + 8
    return RatingChart(
        width=width,
        height=int(axis_y + 24),
        label_width=label_width,
        rows=tuple(built),
        ticks=tuple(Tick(x=x_of(rating), label=str(rating)) for rating in range(1, 6)),
        axis_y=axis_y,
        row_height=row_height,
    )


@dataclass(frozen=True)
class Progress:
    """A bar from 0 to the target (100 %): ``width`` is clamped, ``percent`` is not."""

    percent: int | None
    width: float
    reached: bool


def progress_of(percent: int | None) -> Progress:
    if percent is None:
        return Progress(percent=None, width=0.0, reached=False)
    return Progress(percent=percent, width=float(max(0, min(percent, 100))), reached=percent >= 100)
