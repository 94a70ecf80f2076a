"""initial audit store

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 01:45:57.145431
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('audit',
    sa.Column('audit_type', sa.String(length=3), nullable=False),
    sa.Column('announced', sa.Boolean(), nullable=False),
    sa.Column('checklist_version', sa.String(length=16), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_end', sa.Date(), nullable=True),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_end', sa.Date(), nullable=True),
    sa.Column('team', sa.Text(), nullable=False),
    sa.Column('audit_firm', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('supersedes_id', sa.String(), nullable=True),
    sa.Column('follows_id', sa.String(), nullable=True),
    sa.Column('previously_certified', sa.Boolean(), nullable=False),
    sa.Column('current_status', sa.String(length=20), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('seal', sa.String(length=64), nullable=True),
    sa.Column('sealed_at', sa.String(length=32), nullable=True),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['follows_id'], ['audit.id'], name=op.f('fk_audit_follows_id_audit')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['audit.id'], name=op.f('fk_audit_supersedes_id_audit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit'))
    )
    op.create_table('answer',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('checkpoint_id', sa.String(length=20), nullable=False),
    sa.Column('answer', sa.String(length=3), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_answer_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer')),
    sa.UniqueConstraint('audit_id', 'checkpoint_id', name=op.f('uq_answer_audit_id'))
    )
    op.create_table('document_check',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('periods', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_document_check_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_check'))
    )
    op.create_table('event',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=12), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_event_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sa.UniqueConstraint('audit_id', 'seq', name=op.f('uq_event_audit_id'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_audit_id'), ['audit_id'], unique=False)

    op.create_table('evidence',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=500), nullable=False),
    sa.Column('media_type', sa.String(length=60), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('captured_at', sa.String(length=32), nullable=True),
    sa.Column('caption', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_evidence_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence')),
    sa.UniqueConstraint('audit_id', 'sha256', name=op.f('uq_evidence_audit_id'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_sha256'), ['sha256'], unique=False)

    op.create_table('factory_profile',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('connect_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_local', sa.String(length=300), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('address_local', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_title', sa.String(length=200), nullable=False),
    sa.Column('headcount_male', sa.Integer(), nullable=False),
    sa.Column('headcount_female', sa.Integer(), nullable=False),
    sa.Column('headcount_migrant', sa.Integer(), nullable=False),
    sa.Column('headcount_young', sa.Integer(), nullable=False),
    sa.Column('shifts', sa.Integer(), nullable=False),
    sa.Column('departments', sa.Text(), nullable=False),
    sa.Column('has_dormitory', sa.Boolean(), nullable=False),
    sa.Column('has_canteen', sa.Boolean(), nullable=False),
    sa.Column('other_sites', sa.Text(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_factory_profile_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_factory_profile')),
    sa.UniqueConstraint('audit_id', name=op.f('uq_factory_profile_audit_id'))
    )
    op.create_table('interview',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('group_size', sa.Integer(), nullable=False),
    sa.Column('stratum', sa.Text(), nullable=False),
    sa.Column('conducted_at', sa.String(length=32), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('quotes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_interview_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interview'))
    )
    op.create_table('meeting',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('held_at', sa.String(length=32), nullable=True),
    sa.Column('attendees', sa.Text(), nullable=False),
    sa.Column('forms_signed', sa.Text(), nullable=False),
    sa.Column('consents', sa.Text(), nullable=False),
    sa.Column('documents_confirmed', sa.Boolean(), nullable=False),
    sa.Column('profile_confirmed', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_meeting_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    op.create_table('signature',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('has_authority', sa.Boolean(), nullable=False),
    sa.Column('signed_at', sa.String(length=32), nullable=False),
    sa.Column('image_png', sa.LargeBinary(), nullable=False),
    sa.Column('image_sha256', sa.String(length=64), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_signature_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signature'))
    )
    op.create_table('stage_progress',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_stage_progress_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_progress')),
    sa.UniqueConstraint('audit_id', 'stage', name=op.f('uq_stage_progress_audit_id'))
    )
    op.create_table('tour_area',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('observations', sa.Text(), nullable=False),
    sa.Column('visited_at', sa.String(length=32), nullable=True),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_tour_area_audit_id_audit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tour_area'))
    )
    op.create_table('area_evidence',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('tour_area_id', sa.String(), nullable=False),
    sa.Column('evidence_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_area_evidence_audit_id_audit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_area_evidence_evidence_id_evidence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tour_area_id'], ['tour_area.id'], name=op.f('fk_area_evidence_tour_area_id_tour_area'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area_evidence')),
    sa.UniqueConstraint('tour_area_id', 'evidence_id', name=op.f('uq_area_evidence_tour_area_id'))
    )
    op.create_table('finding',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('checkpoint_id', sa.String(length=20), nullable=False),
    sa.Column('grade', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('frequency', sa.String(length=200), nullable=False),
    sa.Column('workers_affected', sa.Integer(), nullable=False),
    sa.Column('systemic', sa.Boolean(), nullable=False),
    sa.Column('transparent', sa.Boolean(), nullable=False),
    sa.Column('record_inconsistency', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('tour_area_id', sa.String(), nullable=True),
    sa.Column('carried_from_id', sa.String(length=36), nullable=True),
    sa.Column('deleted_at', sa.String(length=32), nullable=True),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_finding_audit_id_audit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tour_area_id'], ['tour_area.id'], name=op.f('fk_finding_tour_area_id_tour_area'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding'))
    )
    op.create_table('cap_item',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('finding_id', sa.String(), nullable=False),
    sa.Column('root_cause', sa.Text(), nullable=False),
    sa.Column('corrective_action', sa.Text(), nullable=False),
    sa.Column('preventive_action', sa.Text(), nullable=False),
    sa.Column('responsible_person', sa.String(length=200), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('factory_position', sa.String(length=8), nullable=False),
    sa.Column('factory_comment', sa.Text(), nullable=False),
    sa.Column('verification_method', sa.Text(), nullable=False),
    sa.Column('auditor_verification', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_cap_item_audit_id_audit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['finding_id'], ['finding.id'], name=op.f('fk_cap_item_finding_id_finding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cap_item')),
    sa.UniqueConstraint('finding_id', name=op.f('uq_cap_item_finding_id'))
    )
    op.create_table('finding_evidence',
    sa.Column('audit_id', sa.String(), nullable=False),
    sa.Column('finding_id', sa.String(), nullable=False),
    sa.Column('evidence_id', sa.String(), nullable=False),
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_finding_evidence_audit_id_audit'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_finding_evidence_evidence_id_evidence'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['finding_id'], ['finding.id'], name=op.f('fk_finding_evidence_finding_id_finding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_evidence')),
    sa.UniqueConstraint('finding_id', 'evidence_id', name=op.f('uq_finding_evidence_finding_id'))
    )
    


def downgrade() -> None:
    
    op.drop_table('finding_evidence')
    op.drop_table('cap_item')
    op.drop_table('finding')
    op.drop_table('area_evidence')
    op.drop_table('tour_area')
    op.drop_table('stage_progress')
    op.drop_table('signature')
    op.drop_table('meeting')
    op.drop_table('interview')
    op.drop_table('factory_profile')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_sha256'))

    op.drop_table('evidence')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_audit_id'))

    op.drop_table('event')
    op.drop_table('document_check')
    op.drop_table('answer')
    op.drop_table('audit')
    
