"""Workers' acknowledgements of safety briefings (`safety_acks`, never rewritten) and
their requests for help such as enrolling in accident insurance (`help_requests`, which
the hall marks done), each with the worker it names. Jobs' hazard tags, protective
equipment and insurance kind travel in the job's payload and need no column.

Revision ID: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision: str | None = "0016"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TABLES = ("safety_acks", "help_requests")


def upgrade() -> None:
    for name in TABLES:
        op.create_table(
            name,
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("hall_id", sa.String(64), nullable=False),
            sa.Column("updated_at", sa.String(40), nullable=False),
            sa.Column("change_seq", SEQ, nullable=False),
            sa.Column("worker_id", sa.String(64), nullable=False),
            sa.Column("payload", sa.Text, nullable=False),
        )
        op.create_index(f"ix_{name}_hall_id", name, ["hall_id"])
        op.create_index(f"ix_{name}_worker_id", name, ["worker_id"])


def downgrade() -> None:
    for name in TABLES:
        op.drop_index(f"ix_{name}_worker_id", name)
        op.drop_index(f"ix_{name}_hall_id", name)
        op.drop_table(name)
