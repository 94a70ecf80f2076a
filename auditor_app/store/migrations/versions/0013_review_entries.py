"""review entries: the lead's comments and decisions, a signed record beside the audit

- review_entry: one row per entry of a review record (a thread per audit under review, across its
  revisions): receipt, comment, answer, return, resubmission, approval, submission. The signed
  entry is kept whole in `record` (JSON); the other columns are read from it. Not an audit's row (no
  audit_id foreign key, no events, no freeze triggers): comments are not audit content.
- Triggers refuse UPDATE and DELETE on it for any connection: the record only grows.

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'review_entry',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('thread_id', sa.String(36), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(12), nullable=False),
        sa.Column('audit_id', sa.String(36), nullable=False),
        sa.Column('target_kind', sa.String(16), nullable=False),
        sa.Column('target_id', sa.String(300), nullable=False),
        sa.Column('reply_to', sa.String(36), nullable=True),
        sa.Column('author_name', sa.String(200), nullable=False),
        sa.Column('key_id', sa.String(16), nullable=False),
        sa.Column('at', sa.String(32), nullable=False),
        sa.Column('hash', sa.String(64), nullable=False),
        sa.Column('record', sa.Text(), nullable=False),
        sa.Column('stored_at', sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_entry')),
        sa.UniqueConstraint('thread_id', 'seq', name=op.f('uq_review_entry_thread_id')),
    )
    op.create_index(op.f('ix_review_entry_thread_id'), 'review_entry', ['thread_id'])
    op.create_index(op.f('ix_review_entry_audit_id'), 'review_entry', ['audit_id'])
    for verb in ('UPDATE', 'DELETE'):
        op.execute(f"CREATE TRIGGER review_entry_no_{verb.lower()} BEFORE {verb} ON review_entry "
                   "BEGIN SELECT RAISE(ABORT, 'the review record only grows: an entry cannot change'); END")


def downgrade() -> None:
    for verb in ('update', 'delete'):
        op.execute(f"DROP TRIGGER IF EXISTS review_entry_no_{verb}")
    op.drop_index(op.f('ix_review_entry_audit_id'), table_name='review_entry')
    op.drop_index(op.f('ix_review_entry_thread_id'), table_name='review_entry')
    op.drop_table('review_entry')
