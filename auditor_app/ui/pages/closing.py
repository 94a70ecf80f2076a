"""The closing meeting: the recommended status with its reasons, the CAP, signatures, Finalize.

Finalize flushes every pending edit, lists what still blocks it (signatures, descriptions), asks for
confirmation, then seals the audit: the page shows the seal and becomes read-only. A finalized audit
is corrected only through "Start new revision", which opens a new draft that supersedes it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from auditor_app.audits.stage_completion import closing_done
from auditor_app.audits import (
    clear_signature,
    finalize,
    finalize_blockers,
    live_findings,
    new_revision,
    sign_cap,
    update_cap_item,
)
from auditor_app.audits.meetings import meeting_of, update_meeting
from auditor_app.audits.recovered_typing import CAP_CELL, SIGNATURE
from auditor_app.checklist.time_zones import factory_zone
from auditor_app.checklist.rating import alternatives_heading, headline
from auditor_app.signing.seal_statement import signer_text
from auditor_app.store.models import Audit, CapItem, Signature
from auditor_app.ui.cap_detail import CapDetail
from auditor_app.ui.cap_table import CapTable
from auditor_app.ui.closing_record import ClosingRecord
from auditor_app.ui.gaps_dialog import GapsDialog
from auditor_app.ui.operations import show_error
from auditor_app.ui.pages.base import StagePage, set_checked, set_text
from auditor_app.ui.empty_state import empty_state
from auditor_app.ui.i18n import QT_TRANSLATE_NOOP, message_text, state_label, status_label, translate, vocab
from auditor_app.ui.signature_pad import SignaturePad

ROLE_TITLES = {"factory_manager": QT_TRANSLATE_NOOP("ClosingPage", "Factory manager"),
               "auditor": QT_TRANSLATE_NOOP("ClosingPage", "Auditor")}
SIGNS_THE_CAP = {"factory_manager": QT_TRANSLATE_NOOP("ClosingPage", "Factory manager signs the CAP"),
                 "auditor": QT_TRANSLATE_NOOP("ClosingPage", "Auditor signs the CAP")}


def role_title(role: str) -> str:
    return translate("ClosingPage", ROLE_TITLES[role]) if role in ROLE_TITLES else role
SHORT_WINDOW = 680  # window height below which the reasons fold away (a 600-pixel screen)


class SignatureBox(QGroupBox):
    """Name (and title, authority) of one signer and the pad; `changed` when anything is edited."""

    changed = Signal()
    clear_requested = Signal()

    def __init__(self, role: str, parent=None):
        super().__init__(translate("ClosingPage", SIGNS_THE_CAP[role]), parent)
        self.role = role
        form = QFormLayout(self)
        form.setVerticalSpacing(4)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Full name"))
        self.name.textEdited.connect(lambda *_: self.changed.emit())
        self.title_edit = QLineEdit(self)
        self.authority = QCheckBox(self.tr("Has the authority to implement this CAP"), self)
        if role == "factory_manager":
            self.title_edit.setPlaceholderText(self.tr("e.g. General Manager"))
            self.title_edit.textEdited.connect(lambda *_: self.changed.emit())
            self.authority.toggled.connect(lambda *_: self.changed.emit())
            name_row = QHBoxLayout()  # name and title on one line: the pad keeps its height on a laptop
            name_row.addWidget(self.name, 3)
            name_row.addWidget(QLabel(self.tr("Title")))
            name_row.addWidget(self.title_edit, 2)
            form.addRow(self.tr("Name"), name_row)
            form.addRow("", self.authority)
        else:  # the auditor signs with a name only
            form.addRow(self.tr("Name"), self.name)
            self.title_edit.hide()
            self.authority.hide()
        self.pad = SignaturePad()
        self.pad.signed.connect(self.changed.emit)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear_requested.emit)
        self.signed_label = QLabel()
        self.signed_label.setStyleSheet("color: palette(dark);")
        row = QHBoxLayout()
        row.addWidget(self.signed_label, 1)
        row.addWidget(self.clear_button)
        form.addRow(self.pad)
        form.addRow(row)

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.name, self.title_edit, self.authority, self.clear_button):
            w.setEnabled(not read_only)
        self.pad.read_only = read_only
        self.pad.update()


class ClosingPage(StagePage):
    stage = "closing"
    title = "Closing meeting"
    revision_started = Signal(str)  # the id of the new draft revision

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.frozen = False
        self.seal = None
        self.signatures: dict[str, Signature] = {}
        self.findings = []

        # ---- recommendation ----
        rec_box = QGroupBox(self.tr("Recommended status (ESCP's review team decides)"))
        rec_layout = QVBoxLayout(rec_box)
        rec_layout.setContentsMargins(9, 4, 9, 4)
        rec_layout.setSpacing(2)
        self.status_label = QLabel("…")
        self.status_label.setProperty("core_message", True)  # shows a message of the core (English until it renders Chinese)
        self.status_label.setObjectName("recommended-status")
        self.status_label.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.reasons_label = QLabel()
        self.reasons_label.setProperty("core_message", True)  # shows a message of the core (English until it renders Chinese)
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The reasons scroll within a few lines: on a 720p laptop the CAP below keeps its rows.
        self.reasons_scroll = QScrollArea()
        self.reasons_scroll.setWidgetResizable(True)
        self.reasons_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.reasons_scroll.setWidget(self.reasons_label)
        self.reasons_scroll.setMaximumHeight(50)
        self.alternatives_label = QLabel()
        self.alternatives_label.setProperty("core_message", True)  # shows a message of the core (English until it renders Chinese)
        self.alternatives_label.setWordWrap(True)
        self.alternatives_label.setMaximumWidth(280)
        # On a short screen (1024x600) the reasons fold away behind this button: the CAP keeps four rows.
        self.reasons_button = QToolButton()
        self.reasons_button.setText(self.tr("Reasons"))
        self.reasons_button.setCheckable(True)
        self.reasons_button.setChecked(True)
        self.reasons_button.setToolTip(self.tr("Show or hide the reasons for the recommended status"))
        self.reasons_button.clicked.connect(self._reasons_chosen)
        self.reasons_button.toggled.connect(lambda on: self.reasons_scroll.setVisible(on))
        self._reasons_by_hand = False
        status_row = QHBoxLayout()  # alternatives beside the status: the CAP below gets the height
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.alternatives_label)
        status_row.addWidget(self.reasons_button, 0, Qt.AlignmentFlag.AlignTop)
        rec_layout.addLayout(status_row)
        rec_layout.addWidget(self.reasons_scroll)

        # ---- CAP ----
        self.cap_table = CapTable()
        self.cap_table.setMinimumHeight(150)  # the header and four rows, at any window size
        self.cap_table.edited.connect(self._cap_edited)
        self.cap_table.typing.connect(self._cap_typing)
        self.cap_table.currentCellChanged.connect(lambda *_: self._show_detail())
        self.cap_detail = CapDetail()
        self.cap_detail.edited.connect(self._cap_edited)
        self.cap_empty = empty_state(self.tr("No non-compliances: the CAP is empty. NCs raised on the checklist appear here."))
        # Once signed, the CAP is shown as signed; editing it is a choice that clears both signatures.
        self.signed_bar = QWidget()
        signed_layout = QHBoxLayout(self.signed_bar)
        signed_layout.setContentsMargins(6, 2, 6, 2)
        self.signed_text = QLabel(self.tr("The CAP is signed: what is shown is what was signed."))
        self.edit_signed_button = QPushButton(self.tr("Edit the signed CAP…"))
        self.edit_signed_button.setToolTip(self.tr("Editing clears both signatures: both sign again afterwards"))
        self.edit_signed_button.clicked.connect(self.edit_signed_cap)
        signed_layout.addWidget(self.signed_text, 1)
        signed_layout.addWidget(self.edit_signed_button)
        self.signed_bar.setStyleSheet("background: #ddf4ff; border-radius: 3px;")

        # ---- signatures and finalize ----
        self.boxes = {role: SignatureBox(role) for role in ROLE_TITLES}
        for box in self.boxes.values():
            box.changed.connect(lambda b=box: self._signature_changed(b))
            box.clear_requested.connect(lambda b=box: self._clear_signature(b))
        self.finalize_button = QPushButton(self.tr("Finalize and seal…"))
        self.finalize_button.setStyleSheet("font-weight: 600; padding: 6px 14px;")
        self.finalize_button.setToolTip(self.tr("Freeze the audit: its findings, CAP, evidence hashes and signatures are sealed"))
        self.finalize_button.clicked.connect(self.finalize_audit)
        self.revision_button = QPushButton(self.tr("Start new revision…"))
        self.revision_button.setToolTip(self.tr("A corrected copy as a new draft that supersedes this sealed audit"))
        self.revision_button.clicked.connect(self.start_revision)
        self.seal_label = QLabel()
        self.seal_label.setObjectName("seal-label")
        self.seal_label.setWordWrap(True)
        self.seal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signed_state = QLabel()
        self.signed_state.setObjectName("signature-state")
        self.signed_state.setWordWrap(True)
        self.seal_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Finalize and the state of the signatures stay in sight under every tab.
        actions = QWidget()
        actions_layout = QHBoxLayout(actions)
        actions_layout.setContentsMargins(0, 2, 0, 0)
        state = QVBoxLayout()
        state.setSpacing(0)
        state.addWidget(self.signed_state)
        state.addWidget(self.seal_label)
        actions_layout.addLayout(state, 1)
        actions_layout.addWidget(self.finalize_button, 0, Qt.AlignmentFlag.AlignBottom)
        actions_layout.addWidget(self.revision_button, 0, Qt.AlignmentFlag.AlignBottom)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.signed_bar)
        middle_layout.addWidget(self.cap_table)
        middle_layout.addWidget(self.cap_empty)
        # Table and the selected row in full, each resizable, none can vanish by dragging.
        cap_splitter = QSplitter(Qt.Orientation.Vertical)
        cap_splitter.addWidget(middle)
        cap_splitter.addWidget(self.cap_detail)
        cap_splitter.setChildrenCollapsible(False)
        cap_splitter.setStretchFactor(0, 1)
        cap_splitter.setSizes([400, 60])  # rows first; the selected row in full is one drag away
        self.cap_splitter = cap_splitter
        self.record = ClosingRecord(self)
        record_scroll = QScrollArea()
        record_scroll.setWidgetResizable(True)
        record_scroll.setWidget(self.record)
        # The signatures have a tab of their own: the pads get room to sign in, the CAP its rows.
        signing = QWidget()
        signing_layout = QHBoxLayout(signing)
        signing_layout.addWidget(self.boxes["factory_manager"], 1, Qt.AlignmentFlag.AlignTop)
        signing_layout.addWidget(self.boxes["auditor"], 1, Qt.AlignmentFlag.AlignTop)
        self.signing_tab = QScrollArea()
        self.signing_tab.setWidgetResizable(True)
        self.signing_tab.setFrameShape(QScrollArea.Shape.NoFrame)
        self.signing_tab.setWidget(signing)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("closing-tabs")
        self.tabs.addTab(cap_splitter, self.tr("&CAP"))
        self.tabs.addTab(record_scroll, self.tr("Meeting &record"))
        self.tabs.addTab(self.signing_tab, self.tr("Si&gnatures"))
        layout = QVBoxLayout(self)
        layout.addWidget(rec_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(actions)
        ctx.recommendation_changed.connect(self._show_recommendation)
        ctx.rating_failed.connect(lambda exc: self.status_label.setText(self.tr("Cannot rate: {error}").format(error=exc)))
        if ctx.recommendation is not None:
            self._show_recommendation(ctx.recommendation)
        self.refresh({"finding"})

    # ---- reading ----
    def refresh(self, changed: set[str]) -> None:
        aid = self.ctx.audit_id

        def read(s):
            audit = s.get(Audit, aid)
            findings = live_findings(s, aid)
            caps = {c.finding_id: c for c in s.scalars(select(CapItem).where(CapItem.audit_id == aid))}
            signatures = {sig.role: sig for sig in s.scalars(select(Signature).where(Signature.audit_id == aid))}
            closing = meeting_of(s, aid, "closing")
            return (audit, [(f, caps[f.id]) for f in findings if f.id in caps], signatures, closing,
                    factory_zone(audit.factory))

        audit, rows, self.signatures, closing, zone = self.ctx.read(read)
        self.frozen, self.seal = audit.state != "draft", audit.seal
        self.findings = rows
        signed = bool(self.signatures) and not self.frozen
        self.signed_bar.setVisible(signed)
        selected = self.cap_table.cap_id_at(self.cap_table.currentRow())
        self.cap_table.fill(rows, self.frozen or signed)
        self.closing_meeting_id = closing.id
        has_zt = any(f.grade == "zero_tolerance" for f, _cap in rows)
        self.record.show_meeting(closing, zone, has_zt, self.frozen)
        self.cap_table.setVisible(bool(rows))
        self.cap_empty.setVisible(not rows)
        self.cap_detail.setVisible(bool(rows))
        if self.cap_table.cap_id_at(self.cap_table.currentRow()) != selected or self.cap_table.currentRow() < 0:
            ids = self.cap_table.cap_ids
            if ids:  # keep the row the auditor was on; the first one at the start
                self.cap_table.setCurrentCell(ids.index(selected) if selected in ids else 0, 2)
        self._show_detail()
        with self.loading():
            for role, box in self.boxes.items():
                sig = self.signatures.get(role)
                if sig is not None:
                    set_text(box.name, sig.name)
                    set_text(box.title_edit, sig.title)
                    set_checked(box.authority, sig.has_authority)
                    if not box.pad.has_new_ink():
                        box.pad.set_png(sig.image_png)
                    box.signed_label.setText(self.tr("Signed {time}").format(time=self.ctx.time_text(sig.signed_at)))
                else:
                    box.signed_label.setText(self.tr("Not signed yet"))
                    self._show_typed_name(box)
                box.set_read_only(self.frozen)
        self._show_signed_state()
        self.finalize_button.setVisible(not self.frozen)
        self.revision_button.setVisible(self.frozen)
        if self.frozen:
            sealed = self.tr(" on {time}").format(time=self.ctx.time_text(audit.sealed_at)) if audit.sealed_at else ""
            signer = (html.escape(signer_text(audit.seal_statement)) if audit.seal_statement
                      else self.tr("not signed with a device key (sealed by an earlier version)"))
            self.seal_label.setText(self.tr("<b>Finalized{sealed}</b> (revision {revision}, {state}).<br>Seal (SHA-256): "
                                            "<code>{seal}</code><br>The seal is {signer}.<br>Edits are refused; start "
                                            "a new revision to correct it.").format(
                sealed=sealed, revision=audit.revision, state=state_label(audit.state), seal=audit.seal, signer=signer))
        self.seal_label.setVisible(self.frozen)  # a draft says "Saved" in the header already

    def _reasons_chosen(self) -> None:
        self._reasons_by_hand = True

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if not self._reasons_by_hand:  # the window's height: the page itself may sit in a scroll area
            self.reasons_button.setChecked(self.window().height() >= SHORT_WINDOW)

    def _show_signed_state(self) -> None:
        signed = [f"{role_title(role).lower()} {self.ctx.time_text(sig.signed_at)}"
                  for role, sig in self.signatures.items() if role in ROLE_TITLES]
        missing = [role_title(role).lower() for role in ROLE_TITLES if role not in self.signatures]
        text = self.tr("CAP signed by the {who}").format(who=self.tr(", ").join(signed)) if signed else ""
        if missing:
            text += (self.tr("; ") if text else "") + self.tr("not signed yet by the {who} (tab Signatures)").format(
                who=self.tr(" and the ").join(missing))
        self.signed_state.setText(("✓ " if not missing else "") + text[0].upper() + text[1:])

    def show_signatures(self) -> None:
        self.tabs.setCurrentWidget(self.signing_tab)

    def _show_recommendation(self, live) -> None:
        rec = self.recommendation = live.recommendation
        label = status_label(live.status or "", live.label)
        self.status_label.setText(f"{label} {message_text(headline(rec))}" if live.status else label)
        self.status_label.setWordWrap(True)
        reasons = "".join(f"<li>{message_text(r)}</li>" for r in rec.reasons)
        self.alternatives_label.setText(
            f"{message_text(alternatives_heading(rec))}: {self.tr(', ').join(status_label(a) for a in rec.alternatives)}"
            if rec.alternatives else "")
        self.reasons_label.setText(f"<ul style='margin:0'>{reasons}</ul>")

    def completion(self) -> tuple[int, int]:
        return closing_done(self.frozen, len(self.signatures))

    def _show_detail(self) -> None:
        cap_id = self.cap_table.cap_id_at(self.cap_table.currentRow())
        row = next(((f, cap) for f, cap in self.findings if cap.id == cap_id), None)
        if row is not None:
            self.cap_detail.show_row(*row, self.frozen or bool(self.signatures),
                                     editing=lambda field: self.is_editing(("cap", cap_id, field)))

    # ---- the closing meeting's record ----
    def save_closing(self, field: str, value, later: bool = False) -> None:
        if self.frozen:
            return
        if later:
            self.save_later(("closing", field), update_meeting, self.closing_meeting_id, **{field: value})
        else:
            self.save_now(update_meeting, self.closing_meeting_id, **{field: value})

    def show_text(self, widget, text: str, key: str) -> None:
        set_text(widget, text or "", self.is_editing(("closing", key.split(".", 1)[1])))

    def opening_attendees(self) -> list[dict]:
        return self.ctx.read(lambda s: meeting_of(s, self.ctx.audit_id, "opening").attendees or [])

    # ---- editing ----
    def edit_signed_cap(self) -> None:
        """The warning before an edit of a signed CAP: editing it clears both signatures."""
        answer = QMessageBox.question(
            self, self.tr("Edit the signed CAP?"),
            self.tr("Both the factory manager and the auditor signed this CAP as it is. Editing it clears both "
                    "signatures; they sign the corrected CAP again.\n\nClear the signatures and edit?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        for role in ROLE_TITLES:
            self.save_now(clear_signature, self.ctx.audit_id, role)
            self.boxes[role].pad.clear()

    def _cap_typing(self, cap_id: str, field: str, text: str) -> None:
        finding = next((f for f, cap in self.findings if cap.id == cap_id), None)
        label = self.tr("CAP of NC {checkpoint}, {field}").format(
            checkpoint=finding.checkpoint_id if finding else "", field=vocab("cap_fields", field, field.replace("_", " ")))
        self.ctx.drafts.keep(f"cap:{cap_id}:{field}", CAP_CELL, self.ctx.audit_id, label,
                             {"cap_id": cap_id, "field": field, "text": text})

    def _cap_edited(self, cap_id: str, field: str, value) -> None:
        key = f"cap:{cap_id}:{field}"
        self.save_later(("cap", cap_id, field), update_cap_item, cap_id, field, value,
                        on_done=lambda _r: self.ctx.drafts.drop(key))

    def _signature_changed(self, box: SignatureBox) -> None:
        if self.is_loading or self.frozen:
            return
        stored = self.signatures.get(box.role)
        name, title = box.name.text().strip(), box.title_edit.text().strip()
        key = f"signature:{self.ctx.audit_id}:{box.role}"
        png = box.pad.to_png() if box.pad.has_new_ink() else (stored.image_png if stored else None)
        if not name or box.pad.is_empty() or png is None:
            # A signature needs both the name and the drawing; until then the typed name is a draft.
            if name or title:
                self.ctx.drafts.keep(key, SIGNATURE, self.ctx.audit_id,
                                     self.tr("{role}'s name for the CAP").format(role=role_title(box.role)),
                                     {"role": box.role, "name": name, "title": title,
                                      "has_authority": box.authority.isChecked()})
            return
        self.save_later(("signature", box.role), sign_cap, self.ctx.audit_id, box.role, name=name, title=title,
                        has_authority=box.authority.isChecked(), image_png=png,
                        on_done=lambda _r: self.ctx.drafts.drop(key))

    def _show_typed_name(self, box: SignatureBox) -> None:
        """A name typed before the app stopped, with no drawing yet, comes back into the box."""
        if box.name.text() or self.frozen:
            return
        for draft in self.ctx.drafts.drafts(self.ctx.audit_id, {SIGNATURE}):
            if draft.values.get("role") == box.role:
                box.name.setText(draft.values.get("name", ""))
                box.title_edit.setText(draft.values.get("title", ""))
                box.authority.setChecked(bool(draft.values.get("has_authority")))
                box.signed_label.setText(self.tr("Not signed yet (name recovered from before the app stopped)"))

    def _clear_signature(self, box: SignatureBox) -> None:
        if self.frozen:
            return
        if box.role in self.signatures:
            answer = QMessageBox.question(self, self.tr("Clear the signature?"),
                                          self.tr("Remove the stored signature of the {role}? They will have to "
                                                  "sign again.").format(role=role_title(box.role)))
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.save_now(clear_signature, self.ctx.audit_id, box.role)
        self.ctx.drafts.drop(f"signature:{self.ctx.audit_id}:{box.role}")
        box.pad.clear()

    # ---- finalize and revise ----
    def finalize_audit(self) -> None:
        """Every pending edit is committed first (they would be refused after the seal), then check."""
        if self.frozen:
            return
        self.finalize_button.setEnabled(False)
        self.ctx.ops.writer.after_pending(self._check_before_finalize)

    def _check_before_finalize(self) -> None:
        store, aid = self.ctx.store, self.ctx.audit_id

        def check(_progress):
            with store.session(read_only=True) as s:
                return finalize_blockers(s, aid)

        self.ctx.ops.run(self, check, on_success=self._blockers_known,
                         on_failure=lambda exc: (self.finalize_button.setEnabled(True),
                                                 show_error(self, self.tr("The audit was not checked"), exc)))

    def _blockers_known(self, missing: list[str]) -> None:
        self.finalize_button.setEnabled(True)
        if missing:
            self.show_gaps()
            return
        self._confirm_finalize()

    def show_gaps(self) -> None:
        """The gaps left, to complete or close with a reason; Finalize from there once none is open."""
        dialog = GapsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.go_to_stage.connect(self.ctx.request_stage.emit)
        dialog.finalize_requested.connect(self.finalize_audit)
        self.gaps_dialog = dialog
        dialog.open()

    def _confirm_finalize(self) -> None:
        aid = self.ctx.audit_id
        answer = QMessageBox.question(
            self, self.tr("Finalize the audit?"),
            self.tr("Finalizing seals the audit: findings, CAP, evidence hashes and signatures can no longer be "
                    "changed. A correction will need a new revision.\n\nFinalize now?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.write(finalize, aid, folder=self.ctx.store.folder, on_done=self._finalized)

    def _finalized(self, seal: str) -> None:
        self.seal = seal
        self.refresh(set())

    def start_revision(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Start a new revision?"),
            self.tr("This sealed audit stays as it is. A new draft revision is made from it, which supersedes it "
                    "once finalized; the CAP must be signed again."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        aid = self.ctx.audit_id
        self.ctx.write(new_revision, aid, on_done=lambda audit: self._revision_made(audit.id))

    def _revision_made(self, new_id: str) -> None:
        self.revision_started.emit(new_id)
        window = self.window()
        if hasattr(window, "open_audit"):
            window.open_audit(new_id, self.stage)
