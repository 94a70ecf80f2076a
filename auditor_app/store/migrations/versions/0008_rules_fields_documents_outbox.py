"""grades raised with a reason, the audit's life after the seal, interview details, documents linked to
findings and photos, the sync outbox

- finding.raised_reason: why the auditor raised a grade above the checklist's (e.g. to Zero Tolerance);
- finding.document_check_id: the document whose inconsistency raised this NC (a reference);
- audit.termination_triggers / follow_ups_in_cycle / initial_cycle: facts of the certification cycle
  that may change after the seal (not sealed, like state and current status);
- audit.audit_type widened to 4 characters (ReIA);
- interview.details: the structured interview form (topics, interviewer, language, interpreter...);
- document_evidence: photos of a document;
- outbox: what waits to be sent to the platform (written in the transaction that finalizes).
Columns are added without a table rebuild; the audit table is rebuilt for its wider type, which
drops the triggers on it, so they are made again here (with the frozen columns of 0007);
document_evidence gets its own.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


AUDIT_FROZEN_COLUMNS = [
    'audit_type', 'announced', 'checklist_version', 'planned_start', 'planned_end', 'actual_start',
    'actual_end', 'team', 'audit_firm', 'revision', 'supersedes_id', 'follows_id', 'previously_certified',
    'notes', 'seal', 'sealed_at', 'id', 'created_at', 'site_days', 'seal_statement',
]
TRANSITIONS = [('draft', 'finalized'), ('finalized', 'submitted'), ('submitted', 'accepted'),
               ('submitted', 'returned')]


def _audit_triggers() -> list[str]:
    moves = " OR ".join(f"(OLD.state = '{a}' AND NEW.state = '{b}')" for a, b in TRANSITIONS)
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in AUDIT_FROZEN_COLUMNS)
    return [
        "CREATE TRIGGER audit_state_in_order BEFORE UPDATE OF state ON audit "
        f"WHEN NEW.state IS NOT OLD.state AND NOT ({moves}) "
        "BEGIN SELECT RAISE(ABORT, 'an audit state moves only draft, finalized, submitted, accepted or returned'); END",
        "CREATE TRIGGER audit_sealed_no_update BEFORE UPDATE ON audit "
        f"WHEN OLD.state <> 'draft' AND ({changed}) "
        "BEGIN SELECT RAISE(ABORT, 'this audit is sealed: it cannot change; start a new revision'); END",
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audits are never deleted'); END",
    ]


def upgrade() -> None:
    # Other tables' triggers name `audit`; SQLite's modern RENAME would refuse to rename the rebuilt
    # table while they point at the dropped one. The legacy rename leaves them as written (by name).
    op.execute("PRAGMA legacy_alter_table=ON")
    with op.batch_alter_table('audit', recreate='always') as batch_op:
        batch_op.alter_column('audit_type', type_=sa.String(4), existing_type=sa.String(3), existing_nullable=False)
    op.execute("PRAGMA legacy_alter_table=OFF")
    for sql in _audit_triggers():
        op.execute(sql)
    op.add_column('finding', sa.Column('raised_reason', sa.String(40), nullable=False, server_default=''))
    op.add_column('finding', sa.Column('document_check_id', sa.String(36), nullable=True))
    op.add_column('audit', sa.Column('termination_triggers', sa.Text(), nullable=False, server_default='[]'))
    op.add_column('audit', sa.Column('follow_ups_in_cycle', sa.Integer(), nullable=True))
    op.add_column('audit', sa.Column('initial_cycle', sa.Boolean(), nullable=True))
    op.add_column('interview', sa.Column('details', sa.Text(), nullable=False, server_default='{}'))
    op.create_table(
        'document_evidence',
        sa.Column('audit_id', sa.String(), nullable=False),
        sa.Column('document_check_id', sa.String(), nullable=False),
        sa.Column('evidence_id', sa.String(), nullable=False),
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('created_at', sa.String(32), nullable=False),
        sa.Column('updated_at', sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_document_evidence_audit_id_audit'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['document_check_id'], ['document_check.id'],
                                name=op.f('fk_document_evidence_document_check_id_document_check'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'],
                                name=op.f('fk_document_evidence_evidence_id_evidence'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_document_evidence')),
        sa.UniqueConstraint('document_check_id', 'evidence_id', name=op.f('uq_document_evidence_document_check_id')),
    )
    for verb in ('UPDATE', 'DELETE'):
        op.execute(f"CREATE TRIGGER document_evidence_sealed_no_{verb.lower()} BEFORE {verb} ON document_evidence "
                   "WHEN (SELECT state FROM audit WHERE id = OLD.audit_id) <> 'draft' "
                   "BEGIN SELECT RAISE(ABORT, 'this audit is sealed: its document evidence rows cannot change; "
                   "start a new revision'); END")
    op.create_table(
        'outbox',
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('audit_id', sa.String(), nullable=False),
        sa.Column('kind', sa.String(40), nullable=False),
        sa.Column('state', sa.String(12), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=False),
        sa.Column('next_attempt_at', sa.String(32), nullable=True),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('receipt', sa.Text(), nullable=False),
        sa.Column('created_at', sa.String(32), nullable=False),
        sa.Column('updated_at', sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_outbox_audit_id_audit'), ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
        sa.UniqueConstraint('audit_id', 'kind', name=op.f('uq_outbox_audit_id')),
    )


def downgrade() -> None:
    raise NotImplementedError("audit stores are never downgraded: restore the backup taken before 0008")
