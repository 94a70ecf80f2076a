"""Is the audit done? Every gap, stage by stage, from the audit document (stored or in a package).

A gap is something the audit day should have produced and did not: a checkpoint not answered, a
drawn worker not interviewed, a document not reviewed, a tour area not visited, a CAP row without
root cause, action, responsible person or due date, an age flag without a decision, the closing
meeting not recorded, a Zero Tolerance finding without its 24-hour notice, a signature missing or
drawn for an earlier version of the CAP. Most gaps can be closed with a recorded reason instead
(`gap_closure` rows; the report prints them); the record and the signatures cannot.

Finalize is refused while a gap is open; `auditor-app check` prints the same list for a lead who
receives a package. Gap keys are "<kind>:<ref>" and name rows by id, so a closure follows its row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor_app.checklist.visit_scope import scope_of_document
from auditor_app.audits.worker_survey import target_of_document
from auditor_app.checklist.grades import load_grades
from auditor_app.checklist.labels import label
from auditor_app.checklist.loader import load_checklist
from auditor_app.checklist.messages import Message, Words, message, prepares
from auditor_app.checklist.selection import DIMENSIONS
from auditor_app.checklist.visit_types import load_visit_types
from auditor_app.package.cap_content import cap_sha256
from auditor_app.store.vocab import STAGES

SIGNER_LABELS = {"factory_manager": "The factory manager", "auditor": "The auditor"}
CAP_REQUIRED = ("root_cause", "corrective_action", "responsible_person", "due_date")


@dataclass(frozen=True)
class Gap:
    key: str
    stage: str
    text: str                      # English
    closable: bool = True
    message: Message | None = field(default=None, compare=False)   # `gap.render("zh")`

    def render(self, lang: str | None = "en") -> str:
        return self.message.render(lang) if self.message is not None else self.text


def _gap(key: str, stage: str, message_id: str, closable: bool = True, **params: Any) -> Gap:
    msg = message(message_id, **params)
    return Gap(key, stage, msg.text, closable, msg)


@dataclass(frozen=True)
class ClosedGap:
    gap: Gap
    reason: str
    note: str
    closed_at: str


@dataclass
class Completeness:
    open: list[Gap] = field(default_factory=list)
    closed: list[ClosedGap] = field(default_factory=list)
    answered: int = 0
    applicable: int = 0

    @property
    def complete(self) -> bool:
        return not self.open

    def by_stage(self) -> list[tuple[str, list[Gap]]]:
        return [(stage, [g for g in self.open if g.stage == stage]) for stage in STAGES
                if any(g.stage == stage for g in self.open)]

    def as_dict(self) -> dict[str, Any]:
        return {"complete": self.complete, "answered": self.answered, "applicable": self.applicable,
                "open": [{"key": g.key, "stage": g.stage, "text": g.text, "closable": g.closable, **_message(g)}
                         for g in self.open],
                "closed": [{"key": c.gap.key, "stage": c.gap.stage, "text": c.gap.text, "reason": c.reason,
                            "note": c.note, "closed_at": c.closed_at, **_message(c.gap)} for c in self.closed]}


def _message(gap: Gap) -> dict[str, Any]:
    return {"message": {"id": gap.message.id, "params": dict(gap.message.params)}} if gap.message else {}


def _rows(doc: dict, table: str) -> list[dict]:
    return list(doc.get(table) or [])


_VALUE_LABELS = {"gender": "genders", "contract_type": "contract_types", "migrant": "migrant"}


def _stratum(stratum: dict, lang: str = "en") -> str:
    """The stratum's values in dimension order; in another language, codes (gender, contract type, age
    band) in their labels, departments and shifts as recorded."""
    keys = [k for k in DIMENSIONS if stratum.get(k)] + sorted(k for k in stratum if k not in DIMENSIONS)
    return " / ".join(_stratum_value(k, stratum[k], lang) for k in keys if stratum.get(k))


def _stratum_value(key: str, value: Any, lang: str) -> str:
    if lang == "en":
        return str(value)
    if key == "age_band":
        from auditor_app.checklist.sampling import age_band_label

        return age_band_label(str(value), lang)
    if key in _VALUE_LABELS:
        try:
            return label(_VALUE_LABELS[key], str(value), lang)
        except KeyError:
            pass
    return str(value)


def _tour(doc: dict) -> list[Gap]:
    return [_gap(f"area:{a['id']}", "tour", "gap.area", name=a["name"])
            for a in _rows(doc, "tour_area") if not a.get("visited_at")]


def _documents(doc: dict) -> list[Gap]:
    return [_gap(f"document:{d['id']}", "documents", "gap.document", name=d["name"])
            for d in _rows(doc, "document_check") if d.get("status") == "requested"]


def _previous_cap(doc: dict) -> list[Gap]:
    """A visit that verifies the previous CAP records a result for every carried NC's CAP item."""
    kind = load_visit_types().get(doc["audit"]["audit_type"])
    if kind is None or not kind.verifies_previous_cap:
        return []
    carried = {f["id"]: f for f in _live_findings(doc) if f.get("carried_from_id")}
    return [_gap(f"previous_cap:{cap['id']}", "documents", "gap.previous_cap", closable=False,
                 checkpoint=carried[cap["finding_id"]]["checkpoint_id"])
            for cap in _rows(doc, "cap_item")
            if cap["finding_id"] in carried and not cap.get("verification_result")]


def surveyed_codes(doc: dict) -> set[str]:
    return {r["code"] for r in _rows(doc, "survey_response")}


def _survey(doc: dict) -> list[Gap]:
    """A Progress Visit surveys as many workers as the factory's size asks (sampling.yaml)."""
    target = target_of_document(doc)
    done = len(_rows(doc, "survey_response"))
    return [_gap("worker_survey", "interviews", "gap.worker_survey", done=done, target=target)] if done < target else []


def _interviews(doc: dict) -> list[Gap]:
    gaps = []
    surveyed = surveyed_codes(doc)
    for iv in sorted(_rows(doc, "interview"), key=lambda r: r["code"]):
        if iv.get("conducted_at") or iv["code"] in surveyed:
            continue
        if iv.get("kind") == "group":
            gaps.append(_gap(f"interview:{iv['id']}", "interviews", "gap.group_interview", code=iv["code"]))
        else:
            gaps.append(_gap(f"interview:{iv['id']}", "interviews", "gap.interview", code=iv["code"],
                             stratum=dict(iv.get("stratum") or {})))
    draws = sorted(_rows(doc, "sample_draw"), key=lambda d: d.get("drawn_at") or "")
    if draws:
        for n, flag in enumerate(draws[-1].get("age_flags") or [], start=1):
            kept = flag.get("message")
            gaps.append(_gap(f"age_flag:{draws[-1]['id']}.{n}", "interviews", "gap.age_flag",
                             flag={**(kept if isinstance(kept, dict) and kept.get("id") else {}),
                                   "text": flag.get("text", "")},
                             who=flag.get("code") or None))
    return gaps


def _checklist(doc: dict, result: Completeness) -> list[Gap]:
    audit = doc["audit"]
    checklist = load_checklist(audit["checklist_version"])
    answered = {a["checkpoint_id"] for a in _rows(doc, "answer")}
    applicable = scope_of_document(checklist, doc)
    result.applicable = len(applicable)
    result.answered = sum(1 for cp in applicable if cp.id in answered)
    gaps = [_gap(f"checkpoint:{cp.id}", "checklist", "gap.checkpoint", checkpoint=cp.id,
                 version=audit["checklist_version"]) for cp in applicable if cp.id not in answered]
    for f in _live_findings(doc):
        if not (f.get("description") or "").strip():
            gaps.append(_gap(f"nc:{f['id']}", "checklist", "gap.nc_description", closable=False,
                             checkpoint=f["checkpoint_id"]))
    return gaps


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _live_findings(doc: dict) -> list[dict]:
    return sorted((f for f in _rows(doc, "finding") if not f.get("deleted_at")),
                  key=lambda f: (f.get("created_at") or "", f["id"]))


def _closing(doc: dict) -> list[Gap]:
    gaps = []
    findings = {f["id"]: f for f in _live_findings(doc)}
    for cap in _rows(doc, "cap_item"):
        finding = findings.get(cap["finding_id"])
        if finding is None:
            continue
        for key in CAP_REQUIRED:
            if not (str(cap.get(key) or "")).strip():
                gaps.append(_gap(f"cap.{key}:{cap['id']}", "closing", "gap.cap", checkpoint=finding["checkpoint_id"],
                                 missing=key))
    closing = next((m for m in _rows(doc, "meeting") if m.get("kind") == "closing"), None)
    missing = []
    if closing is None or not closing.get("held_at"):
        missing.append("held_at")
    if closing is None or not closing.get("attendees"):
        missing.append("attendees")
    if closing is None or not closing.get("factory_position"):
        missing.append("factory_position")
    if missing:
        gaps.append(_gap("closing_meeting", "closing", "gap.closing_meeting", closable=False, missing=missing))
    notice_grades = {g.key for g in load_grades() if g.report_within_hours}
    urgent = [f for f in findings.values() if f.get("grade") in notice_grades]
    if urgent and not (closing and closing.get("zt_notice_at") and (closing.get("zt_notice_to") or "").strip()):
        gaps.append(_gap("zt_notice", "closing", "gap.zt_notice", closable=False,
                         checkpoints=[f["checkpoint_id"] for f in urgent]))
    signed = {s["role"]: s for s in _rows(doc, "signature")}
    content = cap_sha256(doc)
    for role in SIGNER_LABELS:
        signature = signed.get(role)
        if signature is None:
            gaps.append(_gap(f"signature:{role}", "closing", "gap.signature_missing", closable=False, signer=role))
        elif signature.get("cap_sha256") != content:
            gaps.append(_gap(f"signature:{role}", "closing", "gap.signature_stale", closable=False, signer=role))
    return gaps


def check_document(doc: dict[str, Any]) -> Completeness:
    """Every open gap of the audit in stage order, and those closed with a reason."""
    result = Completeness()
    gaps = (_tour(doc) + _documents(doc) + _previous_cap(doc) + _interviews(doc) + _survey(doc)
            + _checklist(doc, result) + _closing(doc))
    closures = {c["gap"]: c for c in _rows(doc, "gap_closure")}
    for gap in sorted(gaps, key=lambda g: STAGES.index(g.stage)):
        closure = closures.get(gap.key) if gap.closable else None
        if closure is None:
            result.open.append(gap)
        else:
            result.closed.append(ClosedGap(gap, closure["reason"], closure.get("note") or "",
                                           closure.get("closed_at") or ""))
    return result


# ---- how the gaps' messages are put together (words: resources/messages/audit.yaml) ----

@prepares("gap.interview")
def _interview(p, w: Words) -> dict:
    stratum = _stratum(p["stratum"], w.lang)
    return {"code": p["code"], "stratum": w.t("gap.stratum", stratum=stratum) if stratum else ""}


@prepares("gap.age_flag")
def _age_flag(p, w: Words) -> dict:
    flag = p["flag"]
    # The English as it was stored with the draw; another language from the flag's message, when kept.
    translated = flag.get("id") and w.lang != "en"
    return {"flag": w.message(flag["id"], flag.get("params") or {}) if translated else flag.get("text", ""),
            "who": p["who"] or w.t("gap.not_drawn")}


@prepares("gap.checkpoint")
def _checkpoint(p, w: Words) -> dict:
    cp = load_checklist(p["version"]).checkpoint(p["checkpoint"])
    return {"checkpoint": p["checkpoint"], "question": _short(cp.text("question", w.lang))}


@prepares("gap.cap")
def _cap(p, w: Words) -> dict:
    return {"checkpoint": p["checkpoint"], "missing": w.t(f"cap_missing.{p['missing']}")}


@prepares("gap.closing_meeting")
def _closing_meeting(p, w: Words) -> dict:
    return {"missing": w.join(w.t(f"closing_missing.{m}") for m in p["missing"])}


@prepares("gap.zt_notice")
def _zt_notice(p, w: Words) -> dict:
    return {"checkpoints": w.join(p["checkpoints"])}


@prepares("gap.signature_missing")
@prepares("gap.signature_stale")
def _signer(p, w: Words) -> dict:
    return {"signer": w.t(f"signer.{p['signer']}")}
