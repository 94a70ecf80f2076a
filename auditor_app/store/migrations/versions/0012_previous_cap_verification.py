"""previous CAP items verified, never deleted

- cap_item.verification_result: for an NC carried from the previous audit, what the visit found:
  "closed" (closed with evidence), "progress" (progress made), "open" (still open), "unverifiable"
  (not verifiable); NULL while not verified yet. cap_item.auditor_verification keeps the note.
- cap_item.verified_at: when the result was recorded.
Added columns: SQLite keeps the table and its freeze triggers of 0006.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('cap_item', sa.Column('verification_result', sa.String(12), nullable=True))
    op.add_column('cap_item', sa.Column('verified_at', sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cap_item') as batch:
        batch.drop_column('verified_at')
        batch.drop_column('verification_result')
