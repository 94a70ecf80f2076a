"""factory time zone

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 02:07:07.546965
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

def upgrade() -> None:

    with op.batch_alter_table('factory_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), server_default='', nullable=False))

def downgrade() -> None:

    with op.batch_alter_table('factory_profile', schema=None) as batch_op:
        batch_op.drop_column('timezone')

