"""Peer review rounds: the rounds, their allocations and the reviews done (journal.course.reviews).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _who():
    return [sa.Column(name, sa.Text, nullable=False) for name in ("reviewer", "login", "entry_id")]


def upgrade():
    op.create_table(
        "review_rounds",
        sa.Column("seq", sa.BigInteger, sa.Identity(), nullable=False, unique=True),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("reviewers", sa.Integer, nullable=False),
        sa.Column("due", sa.Text, nullable=False),
        *[sa.Column(name, sa.Text, nullable=False, server_default="") for name in ("tag", "date_from", "date_to")],
        sa.Column("groups", sa.Text, nullable=False, server_default="any"),
        sa.Column("anonymous", sa.Boolean, nullable=False, server_default="false"),
        sa.Column("skip_moderation", sa.Boolean, nullable=False, server_default="false"),
        sa.Column("opened_at", sa.Text, nullable=False),
        sa.Column("closed_at", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "review_allocations",
        sa.Column("seq", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("round", sa.Text, sa.ForeignKey("review_rounds.name", ondelete="CASCADE"), nullable=False),
        *_who(),
        sa.Column("allocated_at", sa.Text, nullable=False),
        sa.UniqueConstraint("round", "reviewer", "login", "entry_id", name="review_allocations_once"),
    )
    op.create_table(
        "reviews",
        sa.Column("seq", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("round", sa.Text, sa.ForeignKey("review_rounds.name", ondelete="CASCADE"), nullable=False),
        *_who(),
        sa.Column("comment_id", sa.Text, nullable=False),
        sa.Column("levels", postgresql.JSONB, nullable=False, server_default="{}"),
        sa.Column("submitted_at", sa.Text, nullable=False),
        sa.UniqueConstraint("round", "reviewer", "login", "entry_id", name="reviews_once"),
    )


def downgrade():
    for table in ("reviews", "review_allocations", "review_rounds"):
        op.drop_table(table)
