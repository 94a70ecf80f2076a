"""the closing meeting's record, gaps closed with a reason, signatures bound to the CAP they signed

- meeting: the factory's overall position and disagreements, and the Zero Tolerance 24-hour notice
  (to whom, when), recorded at the closing meeting;
- audit: the days on site with time in and out, and the signed seal statement (device key);
- signature: the SHA-256 of the CAP content the signature was drawn for;
- gap_closure: a gap of the completeness check (an unanswered checkpoint, an absent worker, a missing
  document...) closed with a reason the report prints.
Columns are added (no table rebuild), so the triggers of 0006 stay; the audit's freeze trigger is
made again to cover the new columns, and gap_closure gets its own.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

AUDIT_FROZEN_COLUMNS = [
    'audit_type', 'announced', 'checklist_version', 'planned_start', 'planned_end', 'actual_start',
    'actual_end', 'team', 'audit_firm', 'revision', 'supersedes_id', 'follows_id', 'previously_certified',
    'notes', 'seal', 'sealed_at', 'id', 'created_at', 'site_days', 'seal_statement',
]


def upgrade() -> None:
    op.add_column('meeting', sa.Column('factory_position', sa.String(12), nullable=False, server_default=''))
    op.add_column('meeting', sa.Column('disagreements', sa.Text(), nullable=False, server_default=''))
    op.add_column('meeting', sa.Column('zt_notice_to', sa.String(300), nullable=False, server_default=''))
    op.add_column('meeting', sa.Column('zt_notice_at', sa.String(32), nullable=True))
    op.add_column('audit', sa.Column('site_days', sa.Text(), nullable=False, server_default='[]'))
    op.add_column('audit', sa.Column('seal_statement', sa.Text(), nullable=False, server_default='{}'))
    op.add_column('signature', sa.Column('cap_sha256', sa.String(64), nullable=False, server_default=''))
    op.create_table(
        'gap_closure',
        sa.Column('audit_id', sa.String(), nullable=False),
        sa.Column('gap', sa.String(200), nullable=False),
        sa.Column('reason', sa.String(20), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('closed_at', sa.String(32), nullable=False),
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('created_at', sa.String(32), nullable=False),
        sa.Column('updated_at', sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_gap_closure_audit_id_audit'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_gap_closure')),
        sa.UniqueConstraint('audit_id', 'gap', name=op.f('uq_gap_closure_audit_id')),
    )
    for verb in ('UPDATE', 'DELETE'):
        op.execute(f"CREATE TRIGGER gap_closure_sealed_no_{verb.lower()} BEFORE {verb} ON gap_closure "
                   "WHEN (SELECT state FROM audit WHERE id = OLD.audit_id) <> 'draft' "
                   "BEGIN SELECT RAISE(ABORT, 'this audit is sealed: its gap closure rows cannot change; "
                   "start a new revision'); END")
    op.execute("DROP TRIGGER audit_sealed_no_update")
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in AUDIT_FROZEN_COLUMNS)
    op.execute("CREATE TRIGGER audit_sealed_no_update BEFORE UPDATE ON audit "
               f"WHEN OLD.state <> 'draft' AND ({changed}) "
               "BEGIN SELECT RAISE(ABORT, 'this audit is sealed: it cannot change; start a new revision'); END")


def downgrade() -> None:
    raise NotImplementedError("audit stores are never downgraded: restore the backup taken before 0007")
