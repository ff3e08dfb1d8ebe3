"""The plain `workers.id_number` column goes, once `sync.hub.database.migrate` has sealed
every number it held (revision 0006). A database that still holds a plain number stops the
upgrade rather than lose it.

Revision ID: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    plain = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM workers WHERE id_number IS NOT NULL")).scalar_one()
    if plain:
        raise RuntimeError(f"{plain} plain ID numbers are not sealed yet: upgrade with "
                           "`kiosk-hub migrate`, which seals them first")
    op.drop_index("ix_workers_id_number", table_name="workers")
    with op.batch_alter_table("workers") as batch:
        batch.drop_column("id_number")


def downgrade() -> None:
    with op.batch_alter_table("workers") as batch:
        batch.add_column(sa.Column("id_number", sa.String(18)))
    op.create_index("ix_workers_id_number", "workers", ["id_number"])
