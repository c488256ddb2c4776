"""Charts a reviewer can read: every label inside its drawing (so inside the page margins) and
apart from every other, for every bundled questionnaire in both languages; and every percentage
the same wherever a value is shown (the tables, the radar, the bars, Excel)."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Drawing

from diagnosis.cli.reports_run import demo_input
from diagnosis.model import Lang
from diagnosis.numbers import share
from diagnosis.report import charts, sections
from diagnosis.report.blocks import WIDTH
from diagnosis.report.charts import Point, label_boxes
from diagnosis.report.data import build
from tests.report.samples import BUNDLED, sampled


def assert_readable(drawing: Drawing, width: float) -> None:
    """Every text inside the drawing, the drawing inside `width`, and no two texts touching."""
    assert drawing.width <= width
    boxes = label_boxes(drawing)
    assert boxes
    outside = [b for b in boxes if not b.inside(drawing.width, drawing.height)]
    assert not outside, outside
    touching = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]
    assert not touching, touching


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("qid", BUNDLED)
@pytest.mark.parametrize("strategy", ["random", "max", "min"])
def test_radar_and_bar_labels_stay_inside_and_apart(qid: str, lang: Lang, strategy: str) -> None:
    report = build(sampled(qid, strategy), lang)
    radar, bars = sections.dimension_charts(report)
    for drawing in (radar, bars):  # side by side, each in its half of the page's width
        assert_readable(drawing, WIDTH / 2)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scene_levels_and_timeline_labels_stay_inside_and_apart(lang: Lang) -> None:
    report = build(demo_input(), lang)
    scenes = [(s.name, s.level, s.value, s.mandatory) for s in report.scenes]
    assert_readable(charts.scene_levels(scenes, 4, WIDTH), WIDTH)
    assert report.plan is not None
    assert_readable(charts.timeline(report.plan.timeline, WIDTH), WIDTH)


def test_long_names_wrap_inside_the_radar_rather_than_run_off_the_page() -> None:
    names = ["Economic and social benefits", "Comprehensive integration", "Infrastructure"] * 3
    points = [Point(name, 0.29, "29%") for name in names]
    assert_readable(charts.radar(points, width=230, height=200), 230)
    assert_readable(charts.bars(points, width=230, height=200), 230)


def test_a_rate_rounds_half_up_on_the_figures_as_written() -> None:
    assert share(1.25, 2) == "63%"  # Python's "{:.0%}" says 62 % (half to even)
    assert share(0.63, 2) == "32%"  # 0.63 / 2 is 0.31499… in binary: 31 % before
    assert share(5, 46) == "11%"
    assert share(0, 4) == "0%" and share(3, 0) == "—"


@pytest.mark.parametrize("qid", ["sme-digital-2024", "dsmm", "lianghua"])
def test_a_dimension_shows_one_percentage_in_the_table_the_radar_and_the_bars(qid: str) -> None:
    report = build(sampled(qid), "zh")
    radar, bars = sections.dimension_charts(report)
    texts = " ".join(s.text for d in (radar, bars) for s in charts.strings(d))
    rates = {d.name: d.rate for d in report.dimensions if d.depth == 0}
    assert [p.shown for p in report.radar] == [rates[p.name] for p in report.radar]
    for point in report.radar:
        assert point.shown in texts
    assert all(shown.endswith("%") for shown in rates.values())


def test_the_charts_print_what_the_data_says_never_a_rounding_of_their_own() -> None:
    points = [Point(name, 0.625, share(1.25, 2)) for name in ("甲", "乙", "丙")]
    for drawing in (charts.radar(points), charts.bars(points)):
        shown = [s.text for s in charts.strings(drawing)]
        assert not [t for t in shown if "62%" in t]
        assert any("63%" in t for t in shown)
