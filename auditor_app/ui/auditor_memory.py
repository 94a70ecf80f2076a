"""The New audit dialog remembers who audits: the lead auditor's name and the audit firm of the last
audit created in this data folder (`ui-auditor.json`), so the next one starts with them filled in."""

from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)

MEMORY_FILE = "ui-auditor.json"


def recall(data_root: Path) -> dict[str, str]:
    try:
        data = json.loads((Path(data_root) / MEMORY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(data.get(k) or "") for k in ("lead", "firm")} if isinstance(data, dict) else {}


def remember(data_root: Path, values: dict) -> None:
    """From the values of a created audit: its first lead auditor (else first member) and its firm."""
    team = [m for m in values.get("team") or [] if str(m.get("name", "")).strip()]
    lead = next((m for m in team if "lead" in str(m.get("role", "")).lower()), team[0] if team else None)
    memory = {"lead": str(lead["name"]).strip() if lead else "", "firm": str(values.get("audit_firm") or "").strip()}
    try:
        (Path(data_root) / MEMORY_FILE).write_text(json.dumps(memory, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:  # a convenience only
        log.warning("could not remember the auditor: %s", exc)


def prefill(dialog, data_root: Path) -> None:
    """Put the remembered lead auditor and firm into a fresh New audit dialog."""
    memory = recall(data_root)
    if memory.get("firm"):
        dialog.audit_firm.setText(memory["firm"])
    if memory.get("lead") and dialog.team.rowCount() and not dialog.team.item(0, 0).text().strip():
        dialog.team.item(0, 0).setText(memory["lead"])


def remember_names(data_root: Path, lead: str, firm: str) -> None:
    """From the Settings dialog: the lead auditor's name and the firm a new audit starts with."""
    memory = {"lead": lead.strip(), "firm": firm.strip()}
    try:
        (Path(data_root) / MEMORY_FILE).write_text(json.dumps(memory, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:  # a convenience only
        log.warning("could not remember the auditor: %s", exc)
