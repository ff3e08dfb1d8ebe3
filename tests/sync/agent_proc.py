"""A terminal that writes and syncs in an endless loop until it is killed (test_kill.py).

Usage: python agent_proc.py DB_PATH PROVISIONING_JSON RUN_NUMBER

Prints "started" once the store is open. Each round writes one employer, then syncs in
batches of 3, so a SIGKILL lands anywhere: inside a local write, between claiming a batch
and sending it, while the request or the answer is on the wire, or before the answers are
recorded. Any unexpected failure ends the process with a non-zero status.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx

from kiosk.core.catalogue import load_catalogue
from kiosk.core.drafts import EmployerDraft
from kiosk.services.base import HallSettings
from kiosk.services.hall import Services
from kiosk.store.store import Store
from sync import provisioning
from sync.agent import SyncAgent


def main() -> int:
    db, creds_path, run = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    creds = provisioning.load(creds_path)
    assert creds is not None
    store = Store(db)
    services = Services(store, HallSettings(creds.hall, creds.terminal, b"k" * 32),
                        load_catalogue())
    agent = SyncAgent(store, creds, httpx.Client(timeout=30), batch_size=3)
    print("started", flush=True)
    for n in range(1_000_000):
        made = services.register_employer(EmployerDraft(
            kind="individual", name=f"雇主{run}-{n}", phone="13905317788"))
        if not made.ok:
            return 3
        agent.sync_once()
    return 0


if __name__ == "__main__":
    sys.exit(main())
