"""The report and CAP PDFs of verified submissions, built from the package and kept as blobs.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rendered_pdf',
    sa.Column('audit_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['submission.audit_id'], name=op.f('fk_rendered_pdf_audit_id_submission')),
    sa.PrimaryKeyConstraint('audit_id', 'kind', name=op.f('pk_rendered_pdf'))
    )


def downgrade() -> None:
    op.drop_table('rendered_pdf')
