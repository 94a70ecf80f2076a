"""Two charts a reader takes in at a glance, drawn with QPainter (no chart library):
- weekly hours across the sample, week by week: the median worker, the 90th percentile and the
  longest, against the program's 60 h limit and 78 h critical line;
- overtime per month: the most any sampled worker did and the median, against the legal 36 h.
Anything over a limit is red."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from auditor_app.hours.result import HoursResult
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, translate

INK = QColor("#1F2933")
MUTED = QColor("#5F6B7A")
GRID = QColor("#E1E6EC")
BLUE = QColor("#1D4E89")
LIGHT_BLUE = QColor("#8FB3DE")
RED = QColor("#CF222E")
AMBER = QColor("#BF8700")


@dataclass(frozen=True)
class Line:
    label: str
    values: list[float]
    colour: QColor
    width: float = 1.5


class _Chart(QWidget):
    """Axes, grid, limit lines and a legend; subclasses draw the data inside `plot`."""

    title = ""
    unit = "h"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumSize(280, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.labels: list[str] = []          # x labels, one per point (shown where they change)
        self.limits: list[tuple[float, str, QColor]] = []
        self.top = 10.0
        self.empty_text = translate("HoursCharts", "Compute the hours to see this chart.")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(460, 210)

    def y_to(self, plot: QRectF, value: float) -> float:
        return plot.bottom() - plot.height() * min(value, self.top) / self.top

    def x_to(self, plot: QRectF, i: int, n: int) -> float:
        return plot.left() + plot.width() * (i + 0.5) / max(n, 1)

    def legend(self) -> list[tuple[str, QColor]]:
        return []

    def draw_data(self, p: QPainter, plot: QRectF) -> None:
        raise NotImplementedError

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        p.setFont(font)
        fm = p.fontMetrics()
        title_font = QFont(font)
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(INK)
        p.drawText(QRectF(8, 4, self.width() - 16, fm.height() + 2), Qt.AlignmentFlag.AlignLeft, translate("HoursCharts", self.title))
        p.setFont(font)
        x = self.width() - 8.0
        for label, colour in reversed(self.legend()):
            w = fm.horizontalAdvance(label)
            x -= w
            p.setPen(MUTED)
            p.drawText(QPointF(x, 4 + fm.ascent()), label)
            x -= 14
            p.fillRect(QRectF(x, 4 + fm.ascent() / 2 - 1, 10, 3), colour)
            x -= 10
        plot = QRectF(36, fm.height() + 14, self.width() - 46, self.height() - 2 * fm.height() - 22)
        if not self.labels:
            p.setPen(MUTED)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        step = 10 if self.top <= 100 else 20
        p.setPen(QPen(GRID, 1))
        for tick in range(0, int(self.top) + 1, step):
            y = self.y_to(plot, tick)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(MUTED)
            p.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{tick}")
            p.setPen(QPen(GRID, 1))
        n, last_label, last_x = len(self.labels), None, -1e9
        for i, label in enumerate(self.labels):
            if label != last_label:
                x_pos = self.x_to(plot, i, n) - (plot.width() / max(n, 1)) / 2
                if x_pos - last_x >= fm.horizontalAdvance(label) + 6:
                    p.setPen(MUTED)
                    p.drawText(QPointF(x_pos, plot.bottom() + fm.ascent() + 3), label)
                    last_x = x_pos
                last_label = label
        self.draw_data(p, plot)
        for value, text, colour in self.limits:
            y = self.y_to(plot, value)
            p.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(colour)
            p.drawText(QPointF(plot.right() - fm.horizontalAdvance(text) - 2, y - 3), text)
        p.setPen(QPen(MUTED, 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        p.end()


class WeeklyHoursChart(_Chart):
    title = QT_TRANSLATE_NOOP("HoursCharts", "Hours per week across the sample")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hours-weekly-chart")
        self.lines: list[Line] = []
        self.limit = 60.0
        self.setToolTip(self.tr("Each week from Monday: the median sampled worker, the 90th percentile and the longest "
                        "week of any sampled worker. Points above the 60 h line are red."))

    def set_result(self, result: HoursResult | None) -> None:
        weeks = list(result.weeks) if result is not None else []
        self.labels = [w.month[2:] for w in weeks]
        self.lines = [Line(translate("HoursCharts", "median"), [w.median for w in weeks], LIGHT_BLUE),
                      Line(translate("HoursCharts", "90th percentile"), [w.p90 for w in weeks], BLUE),
                      Line(translate("HoursCharts", "longest"), [w.max for w in weeks], INK, 1.0)] if weeks else []
        if result is not None:
            self.limit = float(result.limits["weekly_hours"])
            critical = float(result.limits["weekly_hours_critical"])
            self.limits = [(self.limit, f"{self.limit:g} h", AMBER), (critical, f"{critical:g} h", RED)]
            self.top = max(critical + 10, max((w.max for w in weeks), default=0) + 5)
        self.update()

    def legend(self) -> list[tuple[str, QColor]]:
        return [(line.label, line.colour) for line in self.lines]

    def draw_data(self, p: QPainter, plot: QRectF) -> None:
        n = len(self.labels)
        for line in self.lines:
            path = QPainterPath()
            for i, value in enumerate(line.values):
                point = QPointF(self.x_to(plot, i, n), self.y_to(plot, value))
                path.moveTo(point) if i == 0 else path.lineTo(point)
            p.setPen(QPen(line.colour, line.width))
            p.drawPath(path)
        longest = self.lines[-1].values if self.lines else []
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(RED)
        for i, value in enumerate(longest):
            if value > self.limit + 1e-6:
                p.drawEllipse(QPointF(self.x_to(plot, i, n), self.y_to(plot, value)), 2.6, 2.6)


class MonthlyOvertimeChart(_Chart):
    title = QT_TRANSLATE_NOOP("HoursCharts", "Overtime per month")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hours-overtime-chart")
        self.most: list[float] = []
        self.median: list[float] = []
        self.limit = 36.0
        self.setToolTip(self.tr("Each month: the most overtime any sampled worker did (bar, red above the legal limit) "
                        "and the median worker's (dark mark)."))

    def set_result(self, result: HoursResult | None) -> None:
        by_month: dict[str, list[float]] = {}
        for m in result.months if result is not None else ():
            by_month.setdefault(m.month, []).append(m.overtime)
        months = sorted(by_month)
        self.labels = [m[2:] for m in months]
        self.most = [max(by_month[m]) for m in months]
        self.median = [sorted(by_month[m])[len(by_month[m]) // 2] for m in months]
        if result is not None:
            self.limit = float(result.limits["monthly_overtime_hours"])
            self.limits = [(self.limit, f"{self.limit:g} h", RED)]
            self.top = max(self.limit + 14, max(self.most, default=0) + 6)
        self.update()

    def legend(self) -> list[tuple[str, QColor]]:
        return [(translate("HoursCharts", "most"), LIGHT_BLUE), (translate("HoursCharts", "over the limit"), RED),
                (translate("HoursCharts", "median"), INK)] if self.labels else []

    def draw_data(self, p: QPainter, plot: QRectF) -> None:
        n = len(self.labels)
        slot = plot.width() / max(n, 1)
        for i, (most, median) in enumerate(zip(self.most, self.median)):
            x = self.x_to(plot, i, n)
            top = self.y_to(plot, most)
            p.fillRect(QRectF(x - slot * 0.32, top, slot * 0.64, plot.bottom() - top),
                       RED if most > self.limit + 1e-6 else LIGHT_BLUE)
            y = self.y_to(plot, median)
            p.setPen(QPen(INK, 2))
            p.drawLine(QPointF(x - slot * 0.32, y), QPointF(x + slot * 0.32, y))
