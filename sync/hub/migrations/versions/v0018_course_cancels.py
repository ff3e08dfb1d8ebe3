"""Training: a sign-up withdrawn (`course_cancels`, a record of the hall that took the
sign-up, sync.hub.training). A cancelled sign-up holds no seat and counts for nothing.
The waiting list: a sign-up may be `waiting` (no seat until the hub offers one).

Revision ID: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision: str | None = "0017"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "course_cancels",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("hall_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("change_seq", SEQ, nullable=False),
        sa.Column("signup_id", sa.String(64), nullable=False),
        sa.Column("course_id", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    for column in ("hall_id", "signup_id", "course_id"):
        op.create_index(f"ix_course_cancels_{column}", "course_cancels", [column])
    op.add_column("course_signups", sa.Column("waiting", sa.Boolean, nullable=False,
                                              server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("course_signups", "waiting")
    for column in ("course_id", "signup_id", "hall_id"):
        op.drop_index(f"ix_course_cancels_{column}", "course_cancels")
    op.drop_table("course_cancels")
