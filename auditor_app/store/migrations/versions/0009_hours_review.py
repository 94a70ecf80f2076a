"""the wage-and-hour review kept with the audit

- hours_review: one row per audit: the city, period and approved working-hour system the hours were
  computed under, the attendance and payroll files' names, sizes and SHA-256 (the files themselves are
  not kept: they name workers), the result (worker ids are roster ids) and the auditor's decision on each
  proposed finding.
A new table: the triggers of 0006 stay; hours_review gets its own, as document_evidence did in 0008.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'hours_review',
        sa.Column('audit_id', sa.String(), nullable=False),
        sa.Column('city', sa.String(40), nullable=False),
        sa.Column('period_from', sa.String(7), nullable=False),
        sa.Column('period_to', sa.String(7), nullable=False),
        sa.Column('approval', sa.Text(), nullable=False),
        sa.Column('files', sa.Text(), nullable=False),
        sa.Column('result', sa.Text(), nullable=False),
        sa.Column('decisions', sa.Text(), nullable=False),
        sa.Column('computed_at', sa.String(32), nullable=True),
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('created_at', sa.String(32), nullable=False),
        sa.Column('updated_at', sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_hours_review_audit_id_audit'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hours_review')),
        sa.UniqueConstraint('audit_id', name=op.f('uq_hours_review_audit_id')),
    )
    for verb in ('UPDATE', 'DELETE'):
        op.execute(f"CREATE TRIGGER hours_review_sealed_no_{verb.lower()} BEFORE {verb} ON hours_review "
                   "WHEN (SELECT state FROM audit WHERE id = OLD.audit_id) <> 'draft' "
                   "BEGIN SELECT RAISE(ABORT, 'this audit is sealed: its hours review cannot change; "
                   "start a new revision'); END")


def downgrade() -> None:
    raise NotImplementedError("audit stores are never downgraded: restore the backup taken before 0009")
