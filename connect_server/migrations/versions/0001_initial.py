"""The platform's first tables: firms, users, enrolment tokens, devices, sessions, assignments,
submissions and their blobs, blobs, Zero Tolerance alerts.

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('stored_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blob'))
    )
    op.create_table('firm',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_firm')),
    sa.UniqueConstraint('name', name=op.f('uq_firm_name'))
    )
    op.create_table('app_user',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('login', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('firm_id', sa.String(length=36), nullable=True),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_app_user_firm_id_firm')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('login', name=op.f('uq_app_user_login'))
    )
    op.create_table('assignment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('auditor_id', sa.String(length=36), nullable=False),
    sa.Column('firm_id', sa.String(length=36), nullable=False),
    sa.Column('audit_type', sa.String(length=4), nullable=False),
    sa.Column('factory', sa.JSON(), nullable=False),
    sa.Column('window_start', sa.Date(), nullable=False),
    sa.Column('window_end', sa.Date(), nullable=False),
    sa.Column('previous_audit_id', sa.String(length=36), nullable=True),
    sa.Column('previous_cap', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['auditor_id'], ['app_user.id'], name=op.f('fk_assignment_auditor_id_app_user')),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_assignment_created_by_app_user')),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_assignment_firm_id_firm')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment'))
    )
    op.create_table('device',
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_device_user_id_app_user')),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_device'))
    )
    op.create_table('enrolment_token',
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('device_key_id', sa.String(length=16), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_enrolment_token_user_id_app_user')),
    sa.PrimaryKeyConstraint('token_sha256', name=op.f('pk_enrolment_token'))
    )
    op.create_table('session_token',
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('device_key_id', sa.String(length=16), nullable=True),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_session_token_user_id_app_user')),
    sa.PrimaryKeyConstraint('token_sha256', name=op.f('pk_session_token'))
    )
    op.create_table('submission',
    sa.Column('audit_id', sa.String(length=36), nullable=False),
    sa.Column('manifest', sa.JSON(), nullable=False),
    sa.Column('manifest_sha256', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('firm_id', sa.String(length=36), nullable=True),
    sa.Column('audit_type', sa.String(length=4), nullable=False),
    sa.Column('factory_name', sa.String(length=500), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=False),
    sa.Column('signer', sa.JSON(), nullable=False),
    sa.Column('receipt', sa.JSON(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_submission_firm_id_firm')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_submission_user_id_app_user')),
    sa.PrimaryKeyConstraint('audit_id', name=op.f('pk_submission'))
    )
    op.create_table('zt_alert',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('body_sha256', sa.String(length=64), nullable=False),
    sa.Column('audit_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('firm_id', sa.String(length=36), nullable=True),
    sa.Column('receipt', sa.JSON(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('acknowledged_by', sa.String(length=36), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['acknowledged_by'], ['app_user.id'], name=op.f('fk_zt_alert_acknowledged_by_app_user')),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_zt_alert_firm_id_firm')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_zt_alert_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zt_alert'))
    )
    with op.batch_alter_table('zt_alert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zt_alert_audit_id'), ['audit_id'], unique=False)

    op.create_table('submission_blob',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('audit_id', sa.String(length=36), nullable=False),
    sa.Column('path', sa.String(length=80), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['submission.audit_id'], name=op.f('fk_submission_blob_audit_id_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_blob')),
    sa.UniqueConstraint('audit_id', 'path', name=op.f('uq_submission_blob_audit_id'))
    )
    with op.batch_alter_table('submission_blob', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_blob_sha256'), ['sha256'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('submission_blob', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_blob_sha256'))

    op.drop_table('submission_blob')
    with op.batch_alter_table('zt_alert', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zt_alert_audit_id'))

    op.drop_table('zt_alert')
    op.drop_table('submission')
    op.drop_table('session_token')
    op.drop_table('enrolment_token')
    op.drop_table('device')
    op.drop_table('assignment')
    op.drop_table('app_user')
    op.drop_table('firm')
    op.drop_table('blob')
