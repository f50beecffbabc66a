"""Each shared version keeps its excerpt (its opening words, for the index). Rows shared before read as ''
until their entry is shared again.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("entries", sa.Column("excerpt", sa.Text, nullable=False, server_default=""))


def downgrade():
    op.drop_column("entries", "excerpt")
