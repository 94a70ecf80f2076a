"""photo checks: what the background decode found about each stored photo's pixels

- photo_check: one row per original (by SHA-256): "whole", or "damaged" with the decoder's reason.
  Photos are stored after a structural check only; the full decode runs later in the background,
  so a photo without a row here is still waiting for it. Not an audit's row (no audit_id, no
  events, no freeze triggers): a fact about the file, found after the photo was stored.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'photo_check',
        sa.Column('sha256', sa.String(64), nullable=False),
        sa.Column('condition', sa.String(12), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('checked_at', sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_photo_check')),
    )


def downgrade() -> None:
    op.drop_table('photo_check')
