"""a Progress Visit's own records: the worker survey and the pre-visit questionnaire

- survey_response: one row per surveyed worker (code, answers by question id, a confidential comment);
- questionnaire_answer: one row per question of the factory's pre-visit questionnaire (its answer as
  imported, the advice given at the opening meeting, the file it came from).
New tables: each gets its own freeze triggers, as hours_review did in 0009.

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'survey_response',
        sa.Column('audit_id', sa.String(), nullable=False),
        sa.Column('code', sa.String(20), nullable=False),
        sa.Column('answers', sa.Text(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('surveyed_at', sa.String(32), nullable=True),
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('created_at', sa.String(32), nullable=False),
        sa.Column('updated_at', sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_survey_response_audit_id_audit'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_response')),
        sa.UniqueConstraint('audit_id', 'code', name=op.f('uq_survey_response_audit_id')),
    )
    op.create_table(
        'questionnaire_answer',
        sa.Column('audit_id', sa.String(), nullable=False),
        sa.Column('question_id', sa.String(40), nullable=False),
        sa.Column('question', sa.Text(), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('advice', sa.Text(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('id', sa.String(), nullable=False),
        sa.Column('created_at', sa.String(32), nullable=False),
        sa.Column('updated_at', sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(['audit_id'], ['audit.id'], name=op.f('fk_questionnaire_answer_audit_id_audit'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_questionnaire_answer')),
        sa.UniqueConstraint('audit_id', 'question_id', name=op.f('uq_questionnaire_answer_audit_id')),
    )
    for table, what in (('survey_response', 'worker survey'), ('questionnaire_answer', 'questionnaire')):
        for verb in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER {table}_sealed_no_{verb.lower()} BEFORE {verb} ON {table} "
                       "WHEN (SELECT state FROM audit WHERE id = OLD.audit_id) <> 'draft' "
                       f"BEGIN SELECT RAISE(ABORT, 'this audit is sealed: its {what} cannot change; "
                       "start a new revision'); END")


def downgrade() -> None:
    raise NotImplementedError("audit stores are never downgraded: restore the backup taken before 0014")
