"""`kiosk-hub` results as text for people: numbers with their labels, in the chosen
language (the JSON forms are the data itself)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kiosk.core.assets import AssetProblem
from kiosk.core.catalogue import load_catalogue
from kiosk.core.city_content import ContentProblem
from kiosk.core.errors import N_
from sync.hub.assets import NotNewer, publish
from sync.hub.cli_output import HubError, Output
from sync.hub.terminals import TerminalInfo

METRIC_LABELS = {"registrations": N_("Registered workers"), "check_ins": N_("Check-ins"),
                 "jobs_posted": N_("Jobs posted"), "referrals": N_("Referrals"),
                 "hires": N_("Hires"), "employers_registered": N_("New employers"),
                 "employers_posting": N_("Employers posting"),
                 "guidance": N_("Career guidance"), "recommendations": N_("Job recommendations"),
                 "training": N_("Training"), "complaints": N_("Complaints received"),
                 "complaints_resolved": N_("Complaints resolved"),
                 "complaints_closed": N_("Complaints closed")}
STATUS_LABELS = {"received": N_("received"), "in_progress": N_("being handled"),
                 "referred": N_("referred to labour inspection"), "resolved": N_("resolved"),
                 "closed": N_("closed")}
FOLLOWUP_LABELS = {"workers_served": N_("Workers given \"131\" services"),
                   "workers_complete": N_("Workers given all of \"131\"")}
KIND_LABELS = {"counter": N_("staff counter"), "touchscreen": N_("touchscreen"),
               "board": N_("board")}
TRADE_LABELS = {"workers": N_("Workers offering it"), "open_places": N_("Open places")}


def stats_lines(stats: dict[str, Any], out: Output) -> str:
    """Per hall per day, the city's totals, then supply and demand by trade."""
    lines = [out.pair(f"{row['hall']} {row['day']}", out.labelled(row, METRIC_LABELS))
             for row in stats["per_hall_day"]]
    if not lines:
        lines.append(out.tr(N_("No records yet.")))
    lines.append(out.label(N_("City total:"), out.labelled(stats["city"], METRIC_LABELS)))
    if stats["trades"]:
        catalogue = load_catalogue()
        lines.append(out.tr(N_("By trade:")))
        for row in stats["trades"]:
            trade = catalogue.trade(row["trade"])
            name = trade.label(out.language) if trade else row["trade"]
            lines.append("  " + out.pair(name, out.labelled(row, TRADE_LABELS)))
    by_status = stats["complaints_city"]["by_status"]
    if by_status:
        lines.append(out.label(N_("Complaints by status:"), out.labelled(
            by_status, {k: v for k, v in STATUS_LABELS.items() if k in by_status})))
    for row in stats.get("days_open", []):
        median = row["median_days_to_end"]
        lines.append(out.pair(row["hall"], out.tr(N_(
            "open complaints {open} (oldest {oldest} days); median days to resolve {median}"),
            open=row["open"], oldest="–" if row["oldest_open_days"] is None
            else row["oldest_open_days"], median="–" if median is None else f"{median:g}")))
    for row in stats["followup_131"]:
        lines.append(out.pair(row["hall"], out.labelled(row, FOLLOWUP_LABELS)))
    return "\n".join(lines)


def terminal_lines(rows: Sequence[TerminalInfo], out: Output) -> str:
    if not rows:
        return out.tr(N_("No terminals yet; `kiosk-hub terminals add` adds one."))
    return "\n".join(f"{r.id}  {r.hall_id}  {r.name}  {out.tr(KIND_LABELS[r.kind])}  "
                     f"{_seen(r, out)}  {_state(r, out)}" for r in rows)


def _seen(row: TerminalInfo, out: Output) -> str:
    if row.last_seen_at is None:
        return out.tr(N_("not seen yet"))
    return out.tr(N_("last seen {when}"), when=row.last_seen_at)


def _state(row: TerminalInfo, out: Output) -> str:
    if row.revoked_at is None:
        return out.tr(N_("active"))
    return out.tr(N_("revoked {when}"), when=row.revoked_at)


def publish_file(engine: Engine, name: str, path: Path) -> int:
    """Read, check and publish an asset file; its version. Problems are HubErrors."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise HubError("file", N_("Cannot read the JSON file {file}."), detail=detail,
                       file=str(path)) from exc
    try:
        return publish(engine, name, data)
    except NotNewer as exc:
        raise HubError("not_newer", N_("Version {version} is not newer than the published "
                                       "version {published}: raise the file's version."),
                       version=exc.version, published=exc.published) from exc
    except AssetProblem as exc:
        if isinstance(exc.__cause__, ContentProblem):  # say which notice or page, translated
            params: dict[str, Any] = {**exc.__cause__.params, "file": str(path)}
            raise HubError("content", exc.__cause__.msgid, **params) from exc
        raise HubError("asset", N_("The file {file} cannot be published."), detail=str(exc),
                       file=str(path)) from exc
