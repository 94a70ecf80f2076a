"""The lead's review held by the platform: a thread per submitted audit and its signed entries.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Submissions verified before this migration keep NULL: their audit.json is in the blob store, out of a
    # migration's reach (a corrected revision among them shows in a lead's list until it is resubmitted).
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supersedes_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_submission_supersedes_id'), ['supersedes_id'], unique=False)
    op.create_table('review_thread',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('firm_id', sa.String(length=36), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('under_review', sa.String(length=36), nullable=False),
    sa.Column('head_seq', sa.Integer(), nullable=False),
    sa.Column('head_hash', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_review_thread_firm_id_firm')),
    sa.ForeignKeyConstraint(['id'], ['submission.audit_id'], name=op.f('fk_review_thread_id_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_thread'))
    )
    op.create_table('review_entry',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('thread_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('audit_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['submission.audit_id'], name=op.f('fk_review_entry_audit_id_submission')),
    sa.ForeignKeyConstraint(['thread_id'], ['review_thread.id'], name=op.f('fk_review_entry_thread_id_review_thread')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_review_entry_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_entry')),
    sa.UniqueConstraint('thread_id', 'seq', name=op.f('uq_review_entry_thread_id'))
    )
    with op.batch_alter_table('review_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_entry_audit_id'), ['audit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_entry_thread_id'), ['thread_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('review_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_entry_thread_id'))
        batch_op.drop_index(batch_op.f('ix_review_entry_audit_id'))
    op.drop_table('review_entry')
    op.drop_table('review_thread')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_supersedes_id'))
        batch_op.drop_column('supersedes_id')
