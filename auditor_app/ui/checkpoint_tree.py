"""The checkpoint tree of the checklist page: sections with their checkpoints, each showing its answer
(and the grades of its NCs), section counts, and the filter (all / unanswered / NCs only, words, tag);
and the guidance shown beside it for the selected checkpoint.

The tree only shows; answering and the NC editor stay with the page.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, grade_label, lang, stage_label, translate

# Short answers shown in the tree (the code is what is stored and compared)
ANSWER_LABELS = {"yes": QT_TRANSLATE_NOOP("CheckpointTree", "Yes"), "na": QT_TRANSLATE_NOOP("CheckpointTree", "N/A"),
                 "nc": QT_TRANSLATE_NOOP("CheckpointTree", "NC")}
ANSWER_COLOURS = {"yes": "#2e7d32", "na": "#757575", "nc": "#c62828"}
FILTERS = (QT_TRANSLATE_NOOP("CheckpointTree", "All checkpoints"), QT_TRANSLATE_NOOP("CheckpointTree", "Unanswered"),
           QT_TRANSLATE_NOOP("CheckpointTree", "NCs only"))
CP_ROLE = Qt.ItemDataRole.UserRole


def answer_label(answer: str) -> str:
    return translate("CheckpointTree", ANSWER_LABELS[answer]) if answer in ANSWER_LABELS else ""


def guidance_html(cp, section, rule: str) -> str:
    """What the auditor reads beside the tree: guidance, typical evidence, the grade rule if NC."""
    ev, language = cp.evidence, lang()
    guidance = translate("CheckpointTree", "Guidance")
    typical = translate("CheckpointTree", "Typical evidence")
    if_nc = translate("CheckpointTree", "If NC:")
    parts = [f"<h4>{guidance}</h4><p>{cp.text('guidance', language)}</p>", f"<h4>{typical}</h4><ul>"]
    for label, field in ((translate("CheckpointTree", "Documents"), "documents"),
                         (translate("CheckpointTree", "Tour"), "tour"),
                         (translate("CheckpointTree", "Interviews"), "interviews")):
        things = ev.text(field, language)
        if things:
            parts.append(f"<li><b>{label}:</b> {'; '.join(things)}</li>")
    parts.append("</ul>")
    parts.append(f"<p><b>{if_nc}</b> {rule}</p><p style='color:gray'>"
                 + translate("CheckpointTree", "Section {id} {title} · answered mostly during: {stage}").format(
                     id=section.id, title=section.text("title", language), stage=stage_label(cp.stage))
                 + "</p>")
    return "".join(parts)


def matches(cp, query: str) -> bool:
    """A checkpoint number's prefix ("9.4"), or every word of the query at the start of a word of the
    question or guidance: "age" finds "age" and "agency", never "wages" or "page"."""
    query = query.strip().lower()
    if re.fullmatch(r"[\d.]+", query):  # a number: the checkpoint's, never "10" in "10 days"
        return cp.id.startswith(query)
    words = re.findall(r"\w+", query)
    text = f"{cp.question} {cp.guidance} {cp.text('question', 'zh')} {cp.text('guidance', 'zh')}".lower()
    if all(not w.isascii() for w in words):  # Chinese has no spaces between words: a substring will do
        return all(w in text for w in words)
    return bool(words) and all(re.search(rf"\b{re.escape(w)}", text) for w in words)


class CheckpointTree(QTreeWidget):
    def __init__(self, checklist, checkpoints, parent: QWidget | None = None):
        super().__init__(parent)
        self.checklist = checklist
        self.setObjectName("checklist-tree")
        self.setHeaderLabels([self.tr("Checkpoint"), self.tr("Answer")])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(1, 110)
        self.setUniformRowHeights(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.section_items: list[QTreeWidgetItem] = []
        for section in checklist.sections:
            cps = [cp for cp in section.checkpoints if cp in checkpoints]
            if not cps:
                continue
            top = QTreeWidgetItem([f"{section.id}  {section.text('title', lang())}", ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setData(0, CP_ROLE, [cp.id for cp in cps])
            self.addTopLevelItem(top)
            self.section_items.append(top)
            for cp in cps:
                question = cp.text("question", lang())
                item = QTreeWidgetItem([f"{cp.id}  {question}", ""])
                item.setData(0, CP_ROLE, cp.id)
                item.setToolTip(0, f"<p><b>{cp.id}</b> {question}</p><p>{cp.text('guidance', lang())}</p>")
                top.addChild(item)
                self.items[cp.id] = item
        self.expandAll()

    # ---- showing answers ----
    def paint_all(self, answers: dict[str, str], findings: dict[str, list]) -> None:
        for cp_id in self.items:
            self.paint(cp_id, answers.get(cp_id), findings.get(cp_id, []))
        for top in self.section_items:
            ids = top.data(0, CP_ROLE)
            done = sum(1 for i in ids if i in answers)
            top.setText(1, f"{done}/{len(ids)}")

    def paint(self, cp_id: str, answer: str | None, findings: list) -> None:
        item = self.items[cp_id]
        text = answer_label(answer) if answer else ""
        if answer == "nc" and findings:
            text = answer_label("nc") + " · " + ", ".join(grade_label(f.grade) for f in findings)
        item.setText(1, text)
        item.setForeground(1, QBrush(QColor(ANSWER_COLOURS.get(answer, "#000000"))))

    # ---- filter ----
    def apply_filter(self, mode: int, words: str, tag: str | None, answers: dict[str, str],
                     scope: set[str] | None = None) -> bool:
        """Hide what does not match; `mode` is an index into FILTERS, `scope` the checkpoints a visit
        covers (None: all). True when anything is shown."""
        words = words.strip().lower()
        visible_any = False
        for top in self.section_items:
            shown = 0
            for i in range(top.childCount()):
                item = top.child(i)
                cp = self.checklist.checkpoint(item.data(0, CP_ROLE))
                answer = answers.get(cp.id)
                ok = (mode == 0 or (mode == 1 and answer is None) or (mode == 2 and answer == "nc"))
                if ok and scope is not None:
                    ok = cp.id in scope
                if ok and words:
                    ok = matches(cp, words)
                if ok and tag:
                    ok = tag in cp.tags
                item.setHidden(not ok)
                shown += ok
            top.setHidden(shown == 0)
            visible_any |= shown > 0
        return visible_any

    def is_shown(self, cp_id: str) -> bool:
        item = self.items[cp_id]
        return not item.isHidden() and not item.parent().isHidden()

    def visible_ids(self) -> list[str]:
        return [cp_id for cp_id in self.items if self.is_shown(cp_id)]

    # ---- the current checkpoint ----
    def current_id(self) -> str | None:
        item = self.currentItem()
        value = item.data(0, CP_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def select(self, cp_id: str) -> None:
        self.setCurrentItem(self.items[cp_id])
        self.scrollToItem(self.items[cp_id])

    def move(self, delta: int) -> None:
        """To the next (+1) or previous (-1) checkpoint shown."""
        ids = self.visible_ids()
        if not ids:
            return
        current = self.current_id()
        index = ids.index(current) + delta if current in ids else 0
        self.select(ids[max(0, min(len(ids) - 1, index))])
