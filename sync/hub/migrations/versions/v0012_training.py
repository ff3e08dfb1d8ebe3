"""Training: workers' sign-ups for the city's courses (a record of the hall that took the
sign-up) and their attendance per session (a record of the same hall). Seats are counted
city-wide from `course_signups`; the feed tells every hall each course's seats taken.

Revision ID: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision: str | None = "0011"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _table(name: str, *extra: sa.Column[str]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
        *extra,
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index(f"ix_{name}_hall_id", name, ["hall_id"])


def upgrade() -> None:
    _table("course_signups", sa.Column("course_id", sa.String(64), nullable=False),
           sa.Column("worker_id", sa.String(64), nullable=False))
    op.create_index("ix_course_signups_course_id", "course_signups", ["course_id"])
    op.create_index("ix_course_signups_worker_id", "course_signups", ["worker_id"])
    _table("attendance", sa.Column("signup_id", sa.String(64), nullable=False))
    op.create_index("ix_attendance_signup_id", "attendance", ["signup_id"])


def downgrade() -> None:
    op.drop_index("ix_attendance_signup_id", "attendance")
    op.drop_index("ix_attendance_hall_id", "attendance")
    op.drop_table("attendance")
    for index in ("worker_id", "course_id", "hall_id"):
        op.drop_index(f"ix_course_signups_{index}", "course_signups")
    op.drop_table("course_signups")
