"""ID numbers sealed at rest: `workers.id_sealed` (AES-GCM, see `sync.hub.sealing`) beside
the plain `id_number` until `sync.hub.database.migrate` has sealed every plain number and
taken it out of the stored payloads; and `disclosures`, the audit of each time a plain number
was opened for a city function.

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None

Seq = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("workers") as batch:
        batch.add_column(sa.Column("id_sealed", sa.Text()))
    op.create_table(
        "disclosures",
        sa.Column("seq", Seq, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("worker_id", sa.String(64), nullable=False, index=True),
        sa.Column("requested_by", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("case_ref", sa.Text(), nullable=False, server_default=""),
        sa.Column("operator", sa.Text(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("disclosures")
    with op.batch_alter_table("workers") as batch:
        batch.drop_column("id_sealed")
