"""What the seal and the signatures bind, said only as far as it is true.

- A signature on the CAP stores the SHA-256 of the CAP content it was drawn for
  (`package.cap_content.cap_sha256`). It reads "Signed" only when that hash equals the content now;
  otherwise the PDF says, in red, that it signed an earlier version.
- The seal is a SHA-256 over the canonical audit record. Only a seal whose statement was signed with
  the installation's device key (`audit.seal_statement`) makes "any change after signing breaks it"
  true; a bare hash can be recomputed by whoever changes the record, so it detects accidental
  change only, and the PDF says exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor_app.package.cap_content import cap_sha256
from auditor_app.reports.common import doc_zone, when_text
from auditor_app.reports.fonts import MONO, markup
from auditor_app.reports.wording import ENGLISH, Wording

CAP_HASH_PREFIX = 16
RED = "#B0302A"
# Fragment ids (resources/messages/report.yaml) of what a signature binds.
SIGNED, EARLIER, UNBOUND = "report.signature.signed", "report.signature.earlier", "report.signature.unbound"


def signer_label(role: str | None, w: Wording = ENGLISH) -> str:
    """'Factory manager' / '工厂经理' for a signature's role; an unknown role as stored."""
    known = {"auditor": "report.signer.auditor", "factory_manager": "report.signer.factory_manager"}
    return w(known[role]) if role in known else str(role or "").replace("_", " ")


@dataclass(frozen=True)
class Binding:
    current: bool     # the signature covers the CAP content as it is now
    words: str        # the fragment id of "Signed" or of why not
    signed_hash: str  # the first 16 hex of the content hash it signed, or ""


def signature_binding(sig: dict, current_hash: str) -> Binding:
    signed = str(sig.get("cap_sha256") or "")
    if signed and signed == current_hash:
        return Binding(True, SIGNED, signed[:CAP_HASH_PREFIX])
    return Binding(False, EARLIER if signed else UNBOUND, signed[:CAP_HASH_PREFIX])


def signature_markup(sig: dict, doc: dict, current_hash: str | None = None, w: Wording = ENGLISH) -> str:
    """One paragraph of markup: "Signed" (or, in red, why not) with the time and the content hash signed."""
    binding = signature_binding(sig, current_hash if current_hash is not None else cap_sha256(doc))
    when = markup(when_text(sig.get("signed_at"), doc_zone(doc)))
    hashed = (f" · {markup(w('report.signature.content_hash'))} <font name='{MONO}'>{binding.signed_hash}</font>…"
              if binding.signed_hash else "")
    if binding.current:
        return f"<b>{markup(w(SIGNED))}</b> {when}{hashed}"
    return f"<font color='{RED}'><b>{markup(w(binding.words))}</b></font> · {when}{hashed}"


def ordered_signatures(doc: dict) -> list[dict]:
    return sorted(doc.get("signature") or [],
                  key=lambda s: (0 if s.get("role") == "factory_manager" else 1, s.get("signed_at") or ""))


def finalized(doc: dict) -> bool:
    audit = doc["audit"]
    return audit.get("state", "draft") != "draft" and bool(audit.get("seal"))


def key_signed(doc: dict) -> bool:
    """A finalized audit whose seal statement is present: the seal was signed with a device key."""
    return finalized(doc) and bool(doc["audit"].get("seal_statement"))


def seal_explanation(doc: dict, w: Wording = ENGLISH) -> str:
    """Plain text saying what the seal proves, for a finalized audit."""
    audit = doc["audit"]
    sealed = when_text(audit.get("sealed_at"), doc_zone(doc))
    if key_signed(doc):
        statement = audit.get("seal_statement") or {}
        signer = statement.get("signer") or {}
        who = ", ".join(str(x) for x in (signer.get("name"), signer.get("firm")) if x)
        key = " ".join(str(signer.get("key_id") or "")[i:i + 4] for i in range(0, 16, 4)).strip()
        signed = when_text(statement.get("signed_at"), doc_zone(doc)) if statement.get("signed_at") else sealed
        return w("report.seal.signed", sealed=sealed, signed=signed,
                 who=(lambda lang: who or w.one("report.seal.the_auditor", lang)),
                 key=(lambda lang: w.one("report.seal.key", lang, key=key) if key else ""))
    return w("report.seal.hash_only", sealed=sealed)
