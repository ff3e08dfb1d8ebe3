"""A 揽头 (an individual gang-master) registers with an ID number as a person does: sealed
in `employers.id_sealed` as a worker's is in `workers.id_sealed` (`sync.hub.sealed_ids`);
the stored payloads never keep the plain number.

Revision ID: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision: str | None = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employers") as batch:
        batch.add_column(sa.Column("id_sealed", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("employers") as batch:
        batch.drop_column("id_sealed")
