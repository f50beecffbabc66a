"""Tutors' feedback: its current state beside the comments (its events go in comment_events, as in the CSV log).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FIELDS = ("id", "entry_id", "parent_id", "author_name", "author_email", "author_role", "body", "submitted_at",
          "status", "status_at", "status_by", "reason")


def upgrade():
    op.create_table(
        "feedback",
        sa.Column("journal_id", sa.Integer, sa.ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
        *[sa.Column(name, sa.Text, nullable=False, server_default="") for name in FIELDS],
        sa.PrimaryKeyConstraint("journal_id", "id", name="feedback_pkey"),
    )


def downgrade():
    op.drop_table("feedback")
