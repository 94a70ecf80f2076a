"""The findings the hours review proposes, one card per checkpoint, for the auditor to accept (the NC
editor opens prefilled) or reject (recorded with the review). Nothing is raised on its own."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from auditor_app.checklist import grades as grade_rules
from auditor_app.hours.findings import ProposedFinding
from auditor_app.ui.i18n import lang, translate


def _grade_label(key: str) -> str:
    try:
        return grade_rules.grade(key).text(lang())
    except KeyError:
        return key.replace("_", " ").capitalize()


class ProposalCard(QFrame):
    def __init__(self, proposal: ProposedFinding, decision: dict | None, raised: bool, frozen: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.proposal = proposal
        cp = proposal.checkpoint_id
        self.setObjectName(f"proposal-{cp}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lead = proposal.kind == "lead"
        kind = self.tr("To verify") if lead else self.tr("Breach")
        head = QLabel(f"<b>{cp}</b> · {_grade_label(proposal.grade)} · {kind} · "
                      + self.tr("{affected} of %n worker(s)", "", proposal.sample_size).format(
                          affected=proposal.workers_affected))
        self.state = QLabel(self._state_text(decision, raised))
        self.state.setObjectName(f"proposal-state-{cp}")
        text = QLabel(proposal.render(lang()))  # in the window's language (the NC editor gets the English)
        text.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Accept…"))
        self.accept_button.setObjectName(f"accept-{cp}")
        self.accept_button.setToolTip(self.tr("Open the NC editor on this checkpoint with the description and the "
                                      "number of workers filled in"))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setObjectName(f"reject-{cp}")
        self.reject_button.setToolTip(self.tr("Do not raise it; the decision is kept with the review and in the report"))
        self.undo_button = QPushButton(self.tr("Undecide"))
        self.undo_button.setObjectName(f"undecide-{cp}")
        decided = bool(decision)
        self.undo_button.setVisible(decided)
        for button in (self.accept_button, self.reject_button, self.undo_button):
            button.setEnabled(not frozen)
        self.reject_button.setVisible(not decided)
        top = QHBoxLayout()
        top.addWidget(head, 1)
        top.addWidget(self.state)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.undo_button, self.reject_button, self.accept_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(text)
        layout.addLayout(buttons)
        if decision and decision.get("decision") == "rejected":
            text.setStyleSheet("color: #5F6B7A;")
        elif not lead:
            self.setStyleSheet("ProposalCard { border-left: 3px solid #CF222E; }")

    @staticmethod
    def _state_text(decision: dict | None, raised: bool) -> str:
        if not decision:
            return "<span style='color:#9A6700'>" + translate("ProposalCard", "not decided") + "</span>"
        if decision.get("decision") == "rejected":
            return "<span style='color:#5F6B7A'>" + translate("ProposalCard", "rejected") + "</span>"
        if raised:
            return "<span style='color:#1a7f37'>" + translate("ProposalCard", "accepted: NC on the checklist") + "</span>"
        return "<span style='color:#9A6700'>" + translate("ProposalCard", "accepted: NC not saved yet") + "</span>"


class ProposalList(QScrollArea):
    accepted = Signal(object)       # ProposedFinding
    rejected = Signal(object)
    undecided = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hours-proposals")
        self.setWidgetResizable(True)
        self.cards: dict[str, ProposalCard] = {}
        self._set_body([QLabel(self.tr("Proposed findings appear here once the hours are computed."))])

    def _set_body(self, widgets: list[QWidget]) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        for w in widgets:
            layout.addWidget(w)
        layout.addStretch(1)
        self.setWidget(body)

    def set_proposals(self, proposals: list[ProposedFinding], decisions: dict, raised: set[str],
                      frozen: bool, header: QWidget | None = None) -> None:
        self.cards = {}
        widgets: list[QWidget] = [header] if header is not None else []
        for p in proposals:
            card = ProposalCard(p, decisions.get(p.checkpoint_id), p.checkpoint_id in raised, frozen)
            card.accept_button.clicked.connect(lambda _=False, p=p: self.accepted.emit(p))
            card.reject_button.clicked.connect(lambda _=False, p=p: self.rejected.emit(p))
            card.undo_button.clicked.connect(lambda _=False, p=p: self.undecided.emit(p))
            self.cards[p.checkpoint_id] = card
            widgets.append(card)
        if not proposals:
            widgets.append(QLabel(self.tr("No breach found: nothing to propose.")))
        self._set_body(widgets)
