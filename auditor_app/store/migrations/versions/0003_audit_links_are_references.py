"""audit links are references

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 01:55:00.988262
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

def upgrade() -> None:

    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_follows_id_audit'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_audit_supersedes_id_audit'), type_='foreignkey')

def downgrade() -> None:

    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_audit_supersedes_id_audit'), 'audit', ['supersedes_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_audit_follows_id_audit'), 'audit', ['follows_id'], ['id'])

