"""The fixed vocabulary of the audit record (structure, not rules: rules live in resources/)."""

AUDIT_TYPES = {
    "ICA": "Initial Certification Audit",
    "IAA": "Initial Annual Audit",
    "PV": "Progress Visit",
    "FU": "Follow-up",
    "SA": "Surveillance Audit",
    "OE": "On-site Engagement",
    "RA": "Transparency Re-audit",
    "DR": "Desktop Review",
    "QCA": "Quality Check Audit",
    "ReIA": "Re-initial Audit",
}

# draft -> finalized -> submitted -> accepted | returned; a returned audit is corrected in a new revision.
AUDIT_STATES = ("draft", "finalized", "submitted", "accepted", "returned")
STATE_TRANSITIONS = {
    "draft": {"finalized"},
    "finalized": {"submitted"},
    "submitted": {"accepted", "returned"},
    "accepted": set(),
    "returned": set(),
}

# The audit day in the order the app walks through it (domain brief section 6).
STAGES = ("opening", "tour", "documents", "interviews", "checklist", "evidence", "closing")
STAGE_LABELS = {
    "opening": "Opening meeting",
    "tour": "Factory tour",
    "documents": "Document review",
    "interviews": "Worker interviews",
    "checklist": "Checklist",
    "evidence": "Evidence",
    "closing": "Closing meeting",
}
STAGE_STATUSES = ("not_started", "in_progress", "done")

ANSWERS = ("yes", "na", "nc")
FINDING_STATUSES = ("open", "in_progress", "closed")
TOUR_AREA_KINDS = ("production", "warehouse", "dormitory", "canteen", "office", "other_site")
DOCUMENT_STATUSES = ("requested", "received", "missing", "inconsistent")
INTERVIEW_KINDS = ("individual", "group")
SIGNER_ROLES = ("factory_manager", "auditor")
FACTORY_POSITIONS = ("agree", "dispute")
FORMS = ("integrity_declaration", "nda", "important_message")
# The factory's overall position on the findings at the closing meeting.
CLOSING_POSITIONS = ("agree", "partly", "dispute")
# Why a gap of the completeness check was closed without being completed (printed in the report).
GAP_REASONS = ("not_available", "absent", "refused", "not_applicable", "other")
CONSENTS = ("visit", "photos", "interviews")

# The demo factory's Connect id starts with this: its audits are never queued for the platform.
DEMO_CONNECT_PREFIX = "DEMO-"
