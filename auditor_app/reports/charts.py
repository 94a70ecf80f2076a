"""The chart of NCs by checklist section and grade: one stacked horizontal bar per section."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from auditor_app.reports.fonts import BODY, cjk_font
from auditor_app.reports.styles import INK, MUTED, RULE, grade_colour
from auditor_app.reports.wording import ENGLISH, Wording

LABEL_CHARS = 34  # a section's label is cut to this many characters per line


def nc_counts(findings: list[dict], sections: list[tuple[str, str]], grade_keys: list[str]) -> list[list[int]]:
    """counts[grade][section] for live findings; checkpoints outside the checklist count by prefix."""
    index = {sid: i for i, (sid, _) in enumerate(sections)}
    counts = [[0] * len(sections) for _ in grade_keys]
    for f in findings:
        section = f.get("_section_id") or f["checkpoint_id"].split(".")[0]
        if section in index and f["grade"] in grade_keys:
            counts[grade_keys.index(f["grade"])][index[section]] += 1
    return counts


def _category(sid: str, title: str) -> str:
    """'4  Wages', each line of a title in two languages cut to LABEL_CHARS."""
    lines = title.split("\n")
    first = f"{sid}  {lines[0]}"[:LABEL_CHARS]
    return "\n".join([first] + [f"{' ' * len(sid)}  {line}"[:LABEL_CHARS] for line in lines[1:]])


def nc_chart(counts: list[list[int]], sections: list[tuple[str, str]], grades: list[tuple[str, str]],
             width: float, w: Wording = ENGLISH) -> Drawing:
    """`sections` is [(id, title)], top to bottom (a title in two languages: one line each); `grades`
    is [(key, label)], least severe first; `w` says which languages the labels are in."""
    # Chinese labels need the CJK font (it has Latin letters too); English ones keep the body font.
    font = BODY if w.lang == "en" else cjk_font().name
    lines = max((title.count("\n") + 1 for _, title in sections), default=1)
    rows = max(1, len(sections))
    bar_area = rows * (15 if lines == 1 else 22)
    height = bar_area + 60
    drawing = Drawing(width, height)
    drawing.initialFontName = BODY  # else the renderer names Helvetica on the page, unembedded
    chart = HorizontalBarChart()
    chart.x, chart.y = 150, 42
    chart.width, chart.height = width - 170, bar_area
    # HorizontalBarChart draws the first category at the bottom: reverse so section 1 is on top.
    chart.data = [list(reversed(row)) for row in counts] or [[0]]
    chart.categoryAxis.categoryNames = [_category(sid, title) for sid, title in reversed(sections)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.leading = 9
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    top = max([sum(col) for col in zip(*counts)] or [0])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(4, top + (1 if top < 10 else top // 10))
    chart.valueAxis.valueStep = max(1, (chart.valueAxis.valueMax + 7) // 8)
    chart.valueAxis.labels.fontName = BODY
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E4E8ED")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barWidth = 9
    chart.groupSpacing = 5
    chart.bars.strokeColor = colors.white
    chart.bars.strokeWidth = 0.5
    for i, (key, _label) in enumerate(grades):
        chart.bars[i].fillColor = grade_colour(key)
    drawing.add(chart)

    legend = Legend()
    legend.x, legend.y = 130, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 84
    legend.fontName = font
    legend.fontSize = 7.5
    legend.boxAnchor = "w"
    legend.dx = legend.dy = 7
    if w.lang == "both":  # "Zero Tolerance / 零容忍 (3)" is long: two columns of two
        legend.columnMaximum, legend.deltax, legend.y = 2, 170, 16
    legend.colorNamePairs = [(grade_colour(key), f"{label} ({sum(counts[i])})")
                             for i, (key, label) in enumerate(grades)]
    drawing.add(legend)
    drawing.add(String(width - 20, 24, w.inline("report.chart.axis"), fontName=font, fontSize=7, fillColor=MUTED,
                       textAnchor="end"))
    return drawing
