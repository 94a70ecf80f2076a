"""interview sample draws

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 01:48:25.821007
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('sample_draw',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('roster_sha256', sa.String(length=64), nullable=False),
    sa.Column('roster_workers', sa.Integer(), nullable=False),
    sa.Column('drawn_at', sa.String(length=32), nullable=True),
    sa.Column('plan', sa.Text(), nullable=False),
    sa.Column('drawn', sa.Text(), nullable=False),
    sa.Column('age_flags', sa.Text(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_sample_draw_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sample_draw'))
    )



def downgrade() -> None:

    op.drop_table('sample_draw')

