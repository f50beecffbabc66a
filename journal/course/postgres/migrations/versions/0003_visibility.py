"""Who reads each shared entry: its visibility (tutors, group or course). Entries shared before stay course-wide.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("entries", sa.Column("visibility", sa.Text, nullable=False, server_default="course"))


def downgrade():
    op.drop_column("entries", "visibility")
