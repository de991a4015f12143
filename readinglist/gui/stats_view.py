"""The Statistics view (``statsView``): charts of what was read, the backlog and time to read.

Drawn with QtCharts (PySide6-Addons): measured against pyqtgraph and
matplotlib it adds the least to the bundle and to the time the view takes to
open (see the README). This module is imported only when the view opens.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QMargins, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.i18n import format_number
from readinglist.gui.tasks import run_task
from readinglist.library import Library, LibraryError
from readinglist.library.activity import ReadingReport
from readinglist.library.status import utcnow

# (label, days back; None is everything)
RANGES = (
    (QT_TRANSLATE_NOOP("StatsView", "Last 3 months"), 91),
    (QT_TRANSLATE_NOOP("StatsView", "Last 12 months"), 365),
    (QT_TRANSLATE_NOOP("StatsView", "Last 3 years"), 3 * 365 + 1),
    (QT_TRANSLATE_NOOP("StatsView", "Everything"), None),
)
DEFAULT_RANGE = 1
# Time to read, in buckets of days: [low, high).
# Axis labels are rich text, so no "<" in them.
BUCKETS = (
    (QT_TRANSLATE_NOOP("StatsView", "under a day"), 0.0, 1.0),
    (QT_TRANSLATE_NOOP("StatsView", "1–7 days"), 1.0, 7.0),
    (QT_TRANSLATE_NOOP("StatsView", "1–4 weeks"), 7.0, 28.0),
    (QT_TRANSLATE_NOOP("StatsView", "1–3 months"), 28.0, 91.0),
    (QT_TRANSLATE_NOOP("StatsView", "3–12 months"), 91.0, 365.0),
    (QT_TRANSLATE_NOOP("StatsView", "over a year"), 365.0, math.inf),
)
# Above this many days the papers added are summed by week: daily counts are noise.
DAILY_ADDED_UP_TO = 120
MOST_LABELS = 7
CHART_SIZE = QSize(520, 300)
ACCENT = {False: ("#3a6ea5", "#e07b39", "#6a9f58"), True: ("#7fb2ff", "#ffa657", "#8fd18a")}


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def save_chart(view: QChartView, path: str | Path) -> None:
    """Write the chart in ``view`` to ``path``: SVG when it ends in .svg, PNG otherwise."""
    target = Path(path)
    if target.suffix.lower() == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(target))
        generator.setSize(view.size())
        generator.setViewBox(QRectF(0, 0, view.width(), view.height()))
        generator.setTitle(view.chart().title() or "readinglist chart")
        painter = QPainter(generator)
        view.render(painter)
        painter.end()
    else:
        if not view.grab().save(str(target.with_suffix(target.suffix or ".png")), "PNG"):
            raise OSError(f"could not write {target}")


def _sparse_labels(labels: list[str]) -> list[str]:
    """Category labels with only every k-th shown, so that 150 weeks stay readable.

    A category axis needs distinct names; the hidden ones are made distinct
    with zero-width spaces.
    """
    step = max(1, math.ceil(len(labels) / MOST_LABELS))
    return [
        label if i % step == 0 or i == len(labels) - 1 else "\u200b" * (i + 1)
        for i, label in enumerate(labels)
    ]


def _count_axis_ticks(top: float) -> int | None:
    """Ticks for a small count axis (one per whole number), None for a large one."""
    whole = max(1, math.ceil(top))
    return whole + 1 if whole <= 6 else None


def _count_range(axis: QValueAxis, top: float) -> None:
    """A count axis from 0: whole numbers only, never "0, 1, 1" for small counts."""
    ticks = _count_axis_ticks(top)
    axis.setMin(0)
    if ticks is not None:
        axis.setMax(ticks - 1)
        axis.setTickCount(ticks)
    else:
        axis.setMax(top * 1.1)
        axis.applyNiceNumbers()


class ChartBox(QWidget):
    """A chart with its title and a Save button (PNG or SVG)."""

    saveRequested = Signal()

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"chart-{name}")
        self.name = name
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.save_button = QToolButton()
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setObjectName(f"save-{name}")
        self.save_button.setToolTip(self.tr("Save this chart as a PNG or SVG image"))
        self.save_button.clicked.connect(self.saveRequested)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(CHART_SIZE)
        self.view.setAccessibleName(title)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)

    def set_chart(self, chart: QChart) -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def points(self) -> int:
        """How many values the chart shows (for tests: a chart "has data")."""
        total = 0
        for series in self.view.chart().series():
            if isinstance(series, QLineSeries):
                total += series.count()
            else:
                total += sum(s.count() for s in series.barSets())  # type: ignore[attr-defined]
        return total


class StatsView(QDialog):
    """Charts of the library's reading history; follows the light or dark scheme.

    Signals:
        loaded: the charts show freshly read figures.
    """

    loaded = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statsView")
        self.setWindowTitle(self.tr("Statistics"))
        self.library = library
        self.report: ReadingReport | None = None
        self._dark: bool | None = None
        self._generation = 0

        self.range_box = QComboBox()
        self.range_box.setObjectName("statsRange")
        self.range_box.setAccessibleName(self.tr("Period shown"))
        for label, days in RANGES:
            self.range_box.addItem(self.tr(label), days)
        self.range_box.setCurrentIndex(DEFAULT_RANGE)
        self.by_box = QComboBox()
        self.by_box.setObjectName("statsBy")
        self.by_box.setAccessibleName(self.tr("Count by"))
        self.by_box.addItem(self.tr("By month"), "month")
        self.by_box.addItem(self.tr("By week"), "week")
        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        controls = QHBoxLayout()
        controls.addWidget(self.range_box)
        controls.addWidget(self.by_box)
        controls.addWidget(self.summary, 1)

        self.charts = {
            "read": ChartBox("read", self.tr("Papers read (re-reads stacked on top)")),
            "backlog": ChartBox("backlog", self.tr("Backlog: papers to read, and papers added")),
            "time": ChartBox("time", self.tr("Time from added to read")),
            "tags": ChartBox("tags", self.tr("Most read tags")),
            "listings": ChartBox("listings", self.tr("Most read listings")),
            "authors": ChartBox("authors", self.tr("Most read authors")),
        }
        grid = QGridLayout()
        for i, box in enumerate(self.charts.values()):
            grid.addWidget(box, i // 2, i % 2)
            box.saveRequested.connect(lambda b=box: self.choose_save(b))
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(scroll, 1)
        self.resize(1140, 760)

        self.range_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.by_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    # -- data --------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        self.library = library
        self.refresh()

    def since(self) -> date | None:
        days = self.range_box.currentData()
        return None if days is None else utcnow().date() - timedelta(days=int(days))

    def refresh(self) -> None:
        """Read the figures again in a worker (a third of a second at 100k papers), then redraw.

        Signals ``loaded`` once the charts show the new figures.
        """
        self._generation += 1
        generation = self._generation
        since, by = self.since(), self.by_box.currentData()
        self.summary.setText(self.tr("Counting…"))

        def done(report: ReadingReport) -> None:
            if generation == self._generation:
                self.report = report
                self.redraw()
                self.loaded.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            if not isinstance(exc, LibraryError):
                raise exc
            self.summary.setText(str(exc))

        run_task(
            lambda _ctx, library: library.reading_report(since, by),
            self.library,
            on_result=done,
            on_error=failed,
            parent=self,
        )

    def redraw(self) -> None:
        report = self.report
        if report is None:
            return
        self._dark = is_dark(self)
        self.charts["read"].set_chart(self._read_chart(report))
        self.charts["backlog"].set_chart(self._backlog_chart(report))
        self.charts["time"].set_chart(self._time_chart(report))
        for name, top in (
            ("tags", report.top_tags),
            ("listings", report.top_listings),
            ("authors", report.top_authors),
        ):
            self.charts[name].set_chart(self._top_chart(top))
        median = report.median_days_to_read
        to_read = report.backlog[-1][1] if report.backlog else 0
        self.summary.setText(
            self.tr("{reads} readings, {rereads} of them re-reads · {waiting} to read now").format(
                reads=report.reads, rereads=report.rereads, waiting=to_read
            )
            + (
                self.tr(" · median {days} days from added to read").format(
                    days=format_number(median, 1)
                )
                if median is not None
                else ""
            )
        )
        self.charts["time"].title.setText(
            "<b>"
            + self.tr("Time from added to read")
            + "</b>"
            + (
                self.tr(" (median {days} days)").format(days=format_number(median, 1))
                if median is not None
                else ""
            )
        )

    # -- charts ------------------------------------------------------------

    def _chart(self) -> QChart:
        chart = QChart()
        dark = bool(self._dark)
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Base))
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        text = self.palette().color(QPalette.ColorRole.Text)
        chart.legend().setLabelColor(text)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def _axis_colors(self, *axes: QValueAxis | QBarCategoryAxis | QDateTimeAxis) -> None:
        text = self.palette().color(QPalette.ColorRole.Text)
        grid = self.palette().color(QPalette.ColorRole.Mid)
        for axis in axes:
            # Labels are placed with room enough; eliding would show "…" only.
            axis.setTruncateLabels(False)
            axis.setLabelsColor(text)
            axis.setGridLineColor(grid)
            axis.setLinePenColor(grid)

    def _colors(self) -> tuple[QColor, QColor, QColor]:
        first, second, third = ACCENT[bool(self._dark)]
        return QColor(first), QColor(second), QColor(third)

    def _read_chart(self, report: ReadingReport) -> QChart:
        chart = self._chart()
        first_color, again_color, _ = self._colors()
        first = QBarSet(self.tr("First readings"))
        again = QBarSet(self.tr("Re-reads"))
        for bar_set, color in ((first, first_color), (again, again_color)):
            bar_set.setColor(color)
            bar_set.setBorderColor(color)  # the dark theme's white outlines make weeks noisy
        rereads = dict(report.rereads_per_period)
        first.append([float(n - rereads.get(p, 0)) for p, n in report.read_per_period])
        again.append([float(rereads.get(p, 0)) for p, _ in report.read_per_period])
        series = QStackedBarSeries()
        series.append(first)
        series.append(again)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(_sparse_labels([p for p, _ in report.read_per_period]))
        y = QValueAxis()
        y.setLabelFormat("%d")
        _count_range(y, max([n for _, n in report.read_per_period] + [1]))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self._axis_colors(x, y)
        return chart

    def _backlog_chart(self, report: ReadingReport) -> QChart:
        chart = self._chart()
        waiting_color, added_color, _ = self._colors()
        waiting = QLineSeries()
        waiting.setName(self.tr("To read"))
        weekly = len(report.backlog) > DAILY_ADDED_UP_TO
        added = QLineSeries()
        added.setName(self.tr("Added per week") if weekly else self.tr("Added per day"))
        waiting.setColor(waiting_color)
        added.setColor(added_color)

        def ms(day: date) -> float:
            # Local midnight: the date axis shows local time.
            return datetime(day.year, day.month, day.day).timestamp() * 1000

        waiting.replace([QPointF(ms(d), n) for d, n, _ in report.backlog])
        per_step: list[tuple[date, int]] = []
        for d, _, a in report.backlog:
            if weekly and per_step and d.weekday() != 0:
                per_step[-1] = (per_step[-1][0], per_step[-1][1] + a)
            else:
                per_step.append((d, a))
        added.replace([QPointF(ms(d), a) for d, a in per_step])
        chart.addSeries(waiting)
        chart.addSeries(added)
        x = QDateTimeAxis()
        x.setFormat("yyyy-MM-dd" if len(report.backlog) <= 120 else "yyyy-MM")
        x.setTickCount(7)
        y = QValueAxis()
        y.setLabelFormat("%d")
        _count_range(y, max([n for _, n, _ in report.backlog] + [1]))
        y.setTitleText(self.tr("to read"))
        y2 = QValueAxis()
        y2.setLabelFormat("%d")
        _count_range(y2, max([a for _, a in per_step] + [1]))
        y2.setTitleText(self.tr("added"))
        y2.setGridLineVisible(False)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(y2, Qt.AlignmentFlag.AlignRight)
        for series, axis in ((waiting, y), (added, y2)):
            series.attachAxis(x)
            series.attachAxis(axis)
        self._axis_colors(x, y, y2)
        text = self.palette().color(QPalette.ColorRole.Text)
        y.setTitleBrush(text)
        y2.setTitleBrush(text)
        return chart

    def _time_chart(self, report: ReadingReport) -> QChart:
        chart = self._chart()
        _, _, color = self._colors()
        counts = [
            float(sum(1 for d in report.days_to_read if low <= d < high))
            for _, low, high in BUCKETS
        ]
        bars = QBarSet(self.tr("Papers"))
        bars.setColor(color)
        bars.setBorderColor(color)
        bars.append(counts)
        series = QStackedBarSeries()
        series.append(bars)
        chart.addSeries(series)
        chart.legend().hide()
        x = QBarCategoryAxis()
        x.append([self.tr(label) for label, _, _ in BUCKETS])
        y = QValueAxis()
        y.setLabelFormat("%d")
        _count_range(y, max([*counts, 1.0]))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        self._axis_colors(x, y)
        return chart

    def _top_chart(self, top: list[tuple[str, int]]) -> QChart:
        chart = self._chart()
        color, _, _ = self._colors()
        rows = list(reversed(top))  # the most read at the top
        bars = QBarSet(self.tr("Papers read"))
        bars.setColor(color)
        bars.setBorderColor(color)
        # The bars are dark on light and light on dark: the counts take the background's colour.
        bars.setLabelColor(self.palette().color(QPalette.ColorRole.Base))
        bars.append([float(n) for _, n in rows])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        chart.legend().hide()
        y = QBarCategoryAxis()
        names = [name if len(name) <= 28 else name[:27] + "…" for name, _ in rows]
        # Names cut to the same 27 characters must stay distinct categories.
        seen: set[str] = set()
        for i in range(len(names)):
            while names[i] in seen:
                names[i] += "\u200b"
            seen.add(names[i])
        y.append(names)
        x = QValueAxis()
        x.setLabelFormat("%d")
        _count_range(x, max([n for _, n in rows] + [1]))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
        self._axis_colors(x, y)
        if not rows:
            chart.setTitle(self.tr("Nothing read in this period"))
            chart.setTitleBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        return chart

    # -- saving and schemes ------------------------------------------------

    def choose_save(self, box: ChartBox) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save chart"),
            f"readinglist-{box.name}.png",
            self.tr("PNG image (*.png);;SVG image (*.svg)"),
        )
        if not path:
            return
        try:
            save_chart(box.view, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save chart"), str(exc))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        changed = event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
        if changed and self._dark is not None and is_dark(self) != self._dark:
            self.redraw()
