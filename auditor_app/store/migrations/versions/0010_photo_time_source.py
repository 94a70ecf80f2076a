"""where a photo's time comes from

- evidence.captured_from: "exif" when the camera wrote the time the photo was taken, "file" when only
  the file's modification time was known (then reports say "time unknown (file time …)"); "" for photos
  imported before this column (their source is not known).
An added column: SQLite keeps the table and its freeze triggers of 0006.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('evidence', sa.Column('captured_from', sa.String(8), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('evidence') as batch:
        batch.drop_column('captured_from')
