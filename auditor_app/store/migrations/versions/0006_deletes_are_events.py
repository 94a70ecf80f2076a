"""deletes are events: RESTRICT foreign keys, triggers that freeze sealed audits

Before: deleting a row let the database cascade-delete (or null) the rows that referred to it, out
of sight of the event log. Now every foreign key is RESTRICT (the store deletes dependants through
the session, logged), and triggers refuse UPDATE and DELETE on a sealed audit's rows and on events
for any connection, even one that bypasses the app: a second line behind `store.guards`.

A later migration that rebuilds one of these tables (batch mode) drops its triggers with it and
must create them again (`tests/store/test_store_rules.py` checks they exist at head).

Revision ID: 0006
Revises: 0005
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# (table, column, referred table) of every foreign key at this revision.
FOREIGN_KEYS = [
    ('answer', 'audit_id', 'audit'), ('document_check', 'audit_id', 'audit'), ('event', 'audit_id', 'audit'),
    ('evidence', 'audit_id', 'audit'), ('factory_profile', 'audit_id', 'audit'),
    ('interview', 'audit_id', 'audit'), ('meeting', 'audit_id', 'audit'), ('sample_draw', 'audit_id', 'audit'),
    ('signature', 'audit_id', 'audit'), ('stage_progress', 'audit_id', 'audit'),
    ('tour_area', 'audit_id', 'audit'), ('area_evidence', 'audit_id', 'audit'),
    ('area_evidence', 'evidence_id', 'evidence'), ('area_evidence', 'tour_area_id', 'tour_area'),
    ('finding', 'audit_id', 'audit'), ('finding', 'tour_area_id', 'tour_area'), ('cap_item', 'audit_id', 'audit'),
    ('cap_item', 'finding_id', 'finding'), ('finding_evidence', 'audit_id', 'audit'),
    ('finding_evidence', 'evidence_id', 'evidence'), ('finding_evidence', 'finding_id', 'finding'),
    ('finding_interview', 'audit_id', 'audit'), ('finding_interview', 'finding_id', 'finding'),
    ('finding_interview', 'interview_id', 'interview'),
]
# Rows of an audit (they carry audit_id); the audit row and the event log have their own triggers.
PART_TABLES = sorted({t for t, c, _ in FOREIGN_KEYS if c == 'audit_id'} - {'event'})
# Audit columns frozen once the audit is sealed: all but its life after the seal.
AUDIT_FROZEN_COLUMNS = [
    'audit_type', 'announced', 'checklist_version', 'planned_start', 'planned_end', 'actual_start',
    'actual_end', 'team', 'audit_firm', 'revision', 'supersedes_id', 'follows_id', 'previously_certified',
    'notes', 'seal', 'sealed_at', 'id', 'created_at',
]
TRANSITIONS = [('draft', 'finalized'), ('finalized', 'submitted'), ('submitted', 'accepted'),
               ('submitted', 'returned')]


def trigger_sql() -> list[str]:
    out = []
    for table in PART_TABLES:
        for verb, row in (('UPDATE', 'OLD'), ('DELETE', 'OLD')):
            out.append(
                f"CREATE TRIGGER {table}_sealed_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"WHEN (SELECT state FROM audit WHERE id = {row}.audit_id) <> 'draft' "
                f"BEGIN SELECT RAISE(ABORT, 'this audit is sealed: its {table.replace('_', ' ')} rows cannot "
                f"change; start a new revision'); END")
    moves = " OR ".join(f"(OLD.state = '{a}' AND NEW.state = '{b}')" for a, b in TRANSITIONS)
    out.append("CREATE TRIGGER audit_state_in_order BEFORE UPDATE OF state ON audit "
               f"WHEN NEW.state IS NOT OLD.state AND NOT ({moves}) "
               "BEGIN SELECT RAISE(ABORT, 'an audit state moves only draft, finalized, submitted, "
               "accepted or returned'); END")
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in AUDIT_FROZEN_COLUMNS)
    out.append("CREATE TRIGGER audit_sealed_no_update BEFORE UPDATE ON audit "
               f"WHEN OLD.state <> 'draft' AND ({changed}) "
               "BEGIN SELECT RAISE(ABORT, 'this audit is sealed: it cannot change; start a new revision'); END")
    out.append("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
               "BEGIN SELECT RAISE(ABORT, 'audits are never deleted'); END")
    for verb in ('UPDATE', 'DELETE'):
        out.append(f"CREATE TRIGGER event_no_{verb.lower()} BEFORE {verb} ON event "
                   "BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END")
    return out


def upgrade() -> None:
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, referred in FOREIGN_KEYS:
        tables.setdefault(table, []).append((column, referred))
    for table, keys in tables.items():
        with op.batch_alter_table(table, recreate='always') as batch_op:
            for column, referred in keys:
                name = f'fk_{table}_{column}_{referred}'
                batch_op.drop_constraint(name, type_='foreignkey')
                batch_op.create_foreign_key(name, referred, [column], ['id'], ondelete='RESTRICT')
    for sql in trigger_sql():
        op.execute(sql)


def downgrade() -> None:
    raise NotImplementedError("audit stores are never downgraded: restore the backup taken before 0006")
