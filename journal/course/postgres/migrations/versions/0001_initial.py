"""The first schema: journals, shared entries with versions, pictures, comment events and current comments.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FIELDS = ("id", "entry_id", "parent_id", "author_name", "author_email", "author_role", "body", "submitted_at",
          "status", "status_at", "status_by", "reason")


def _fields():
    return [sa.Column(name, sa.Text, nullable=False, server_default="") for name in FIELDS]


def upgrade():
    op.create_table(
        "journals",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("login", sa.Text, nullable=False, unique=True),
        sa.Column("settings", postgresql.JSONB),
        sa.Column("created_at", postgresql.TIMESTAMP(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "entries",
        sa.Column("journal_id", sa.Integer, sa.ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entry_id", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("date", sa.Text, nullable=False),
        sa.Column("tags", postgresql.ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("shared_at", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("withdrawn", sa.Boolean, nullable=False, server_default="false"),
        sa.Column("notebook", postgresql.JSONB, nullable=False),
        sa.UniqueConstraint("journal_id", "entry_id", "version", name="entries_version"),
    )
    op.create_table(
        "pictures",
        sa.Column("journal_id", sa.Integer, sa.ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("journal_id", "name", name="pictures_pkey"),
    )
    op.create_table(
        "comment_events",
        sa.Column("seq", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("journal_id", sa.Integer, sa.ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        *_fields(),
        sa.Column("recorded_at", postgresql.TIMESTAMP(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("comment_events_comment", "comment_events", ["journal_id", "id", "seq"])
    op.create_table(
        "comments",
        sa.Column("journal_id", sa.Integer, sa.ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
        *_fields(),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("email_key", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("journal_id", "id", name="comments_pkey"),
    )
    for name, column in (("entry", "entry_id"), ("status", "status"), ("name", "name_key"), ("email", "email_key")):
        op.create_index(f"comments_{name}", "comments", ["journal_id", column])


def downgrade():
    for table in ("comments", "comment_events", "pictures", "entries", "journals"):
        op.drop_table(table)
