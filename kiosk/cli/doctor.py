"""`kiosk doctor [--json]`: one line per check; exit status 1 when any check fails."""

from __future__ import annotations

import argparse
import json

from kiosk.system.config import Paths
from kiosk.system.doctor import Doctor, exit_status
from kiosk.system.findings import Status


def cmd_doctor(args: argparse.Namespace) -> int:
    doctor = Doctor(Paths.resolve(args.data_dir), hub_timeout_s=args.timeout)
    findings = doctor.run()
    status = exit_status(findings)
    if args.json:
        print(json.dumps({"ok": status == 0,
                          "checks": [f.to_json(args.lang) for f in findings]},
                         ensure_ascii=False, indent=2))
    else:
        print("\n".join(f.line(args.lang) for f in findings))
        failed = sum(f.status is Status.FAIL for f in findings)
        warned = sum(f.status is Status.WARN for f in findings)
        print(f"-- {failed} FAIL, {warned} WARN, {len(findings)} checks")
    return status
