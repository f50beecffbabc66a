"""The course's tables (SQLAlchemy Core): journals, shared entries with their versions, comment events
and the current state of each comment and of each piece of tutors' feedback.

`comment_events` is the comment log: append-only, one row per event, with the same kinds and fields
as a journal's CSV log, so the audit trail is whole and a course moves between the two losslessly.
`comments` is the fold of those events, written in the same transaction as each event. Comment
fields stay text, exactly as the CSV log holds them (ISO 8601 UTC timestamps sort as text).
Feedback events share `comment_events` under their own kinds (feedback, revise, release, recall), as
in the CSV log; `feedback` is their fold, so no comment query can ever include feedback.
"""

from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, ForeignKey, Identity, Index, Integer, LargeBinary, MetaData,
                        PrimaryKeyConstraint, Table, Text, UniqueConstraint, func)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TIMESTAMP

from ...comments.model import FIELDS

metadata = MetaData()


def _comment_fields() -> list[Column]:
    return [Column(name, Text, nullable=False, server_default="") for name in FIELDS]


journals = Table(
    "journals", metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("login", Text, nullable=False, unique=True),
    Column("settings", JSONB),          # the journal's own journal.toml, as a table; NULL: the course's defaults
    Column("created_at", TIMESTAMP(timezone=True), nullable=False, server_default=func.now()),
)

entries = Table(
    "entries", metadata,
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
    Column("entry_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("date", Text, nullable=False),
    Column("tags", ARRAY(Text), nullable=False, server_default="{}"),
    Column("shared_at", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("withdrawn", Boolean, nullable=False, server_default="false"),
    Column("visibility", Text, nullable=False, server_default="course"),   # tutors, group or course
    Column("excerpt", Text, nullable=False, server_default=""),            # its opening words, for an index
    Column("notebook", JSONB, nullable=False),
    UniqueConstraint("journal_id", "entry_id", "version", name="entries_version"),
)

pictures = Table(                       # pictures kept beside a journal's entries
    "pictures", metadata,
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("data", LargeBinary, nullable=False),
    PrimaryKeyConstraint("journal_id", "name", name="pictures_pkey"),
)

comment_events = Table(
    "comment_events", metadata,
    Column("seq", BigInteger, Identity(), primary_key=True),     # the order of the log
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    *_comment_fields(),
    Column("recorded_at", TIMESTAMP(timezone=True), nullable=False, server_default=func.now()),
    Index("comment_events_comment", "journal_id", "id", "seq"),
)

comments = Table(
    "comments", metadata,
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
    *_comment_fields(),
    # The keys that identify a commenter (as the CSV store's index): duplicate, flood and known-commenter rules.
    Column("name_key", Text, nullable=False),
    Column("email_key", Text, nullable=False),
    PrimaryKeyConstraint("journal_id", "id", name="comments_pkey"),
    Index("comments_entry", "journal_id", "entry_id"),
    Index("comments_status", "journal_id", "status"),
    Index("comments_name", "journal_id", "name_key"),
    Index("comments_email", "journal_id", "email_key"),
)

feedback = Table(                       # the fold of the feedback kinds in comment_events (journal.feedback.model)
    "feedback", metadata,
    Column("journal_id", Integer, ForeignKey("journals.id", ondelete="CASCADE"), nullable=False),
    *_comment_fields(),
    PrimaryKeyConstraint("journal_id", "id", name="feedback_pkey"),
)

# Review rounds (journal.course.reviews): the rounds, who is asked to review what, and the reviews done.
# `seq` keeps the order things were added in, as the folder's append-only record does.
review_rounds = Table(
    "review_rounds", metadata,
    Column("seq", BigInteger, Identity(), nullable=False, unique=True),
    Column("name", Text, primary_key=True),
    Column("reviewers", Integer, nullable=False),
    Column("due", Text, nullable=False),
    Column("tag", Text, nullable=False, server_default=""),
    Column("date_from", Text, nullable=False, server_default=""),
    Column("date_to", Text, nullable=False, server_default=""),
    Column("groups", Text, nullable=False, server_default="any"),
    Column("anonymous", Boolean, nullable=False, server_default="false"),
    Column("skip_moderation", Boolean, nullable=False, server_default="false"),
    Column("opened_at", Text, nullable=False),
    Column("closed_at", Text, nullable=False, server_default=""),
)

review_allocations = Table(
    "review_allocations", metadata,
    Column("seq", BigInteger, Identity(), primary_key=True),
    Column("round", Text, ForeignKey("review_rounds.name", ondelete="CASCADE"), nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("login", Text, nullable=False),
    Column("entry_id", Text, nullable=False),
    Column("allocated_at", Text, nullable=False),
    UniqueConstraint("round", "reviewer", "login", "entry_id", name="review_allocations_once"),
)

reviews = Table(
    "reviews", metadata,
    Column("seq", BigInteger, Identity(), primary_key=True),
    Column("round", Text, ForeignKey("review_rounds.name", ondelete="CASCADE"), nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("login", Text, nullable=False),
    Column("entry_id", Text, nullable=False),
    Column("comment_id", Text, nullable=False),
    Column("levels", JSONB, nullable=False, server_default="{}"),
    Column("submitted_at", Text, nullable=False),
    UniqueConstraint("round", "reviewer", "login", "entry_id", name="reviews_once"),
)

# The course's LMS record (journal.course.lti.record): one row per part (the service addresses of the latest
# launch, the members of the latest roster sync, the scores pushed with when), each replaced whole by an
# upsert, so no reader sees half of one and the course's role needs no DELETE.
lti_record = Table(
    "lti_record", metadata,
    Column("part", Text, primary_key=True),
    Column("value", JSONB, nullable=False),
    Column("written_at", TIMESTAMP(timezone=True), nullable=False, server_default=func.now()),
)
