"""The audit-firm lead's review of a sealed audit (no Qt): comments, answers and signed decisions in a
record of their own beside the audit, its states, the change history and the diff between revisions.

- `states`: received -> returned -> resubmitted -> approved -> submitted, as data;
- `records`: the signed, hash-chained entries and their checks (no store needed);
- `thread`: the record in the store; `actions`: the operations that add entries;
- `comments`: `comments_for(session, audit_id, kind, id)`, each comment on the item it concerns;
- `diff`, `diff_text`: what changed between two revisions; `history`: who changed what, when,
  flagged after the factory signed the CAP;
- `files`: the file route (`.escp` packages carrying review.json); `overview`: states for the list.

Nothing here imports the package modules at import time of this file (the package reader uses
`records`), so it stays importable from either side.
"""
