"""The city's data files through the feed: discrimination rules and the trade catalogue,
published on the hub, checked on both sides, used by every hall's terminal."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import open_app
from kiosk.cli import main as kiosk
from kiosk.core.asset_signing import sign_asset
from kiosk.core.assets import AssetProblem
from kiosk.core.errors import Err, Ok
from kiosk.store.sync_state import Pulled, SyncState, current_catalogue, stored_asset
from kiosk.system.config import Paths
from sync.hub.assets import publish
from sync.hub.cli import main as kiosk_hub
from tests.conftest import employer_draft, job_draft
from tests.sync.conftest import CITY_KEY, CITY_PUBLIC, Hub, Terminal


def shipped(name: str) -> dict[str, Any]:
    text = resources.files("kiosk_assets").joinpath(f"{name}.json").read_text("utf-8")
    return dict(json.loads(text))


def rules_with(phrase: str, version: int) -> dict[str, Any]:
    """The shipped rules with one more blocking phrase in the first category."""
    data = copy.deepcopy(shipped("post_rules"))
    data["version"] = version
    category = data["categories"][0]
    category["rules"].append({"id": "city-added", "severity": "block", "phrases": [phrase]})
    return data


def post_with(terminal: Terminal, description: str) -> object:
    employer = terminal.services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    return terminal.services.post_job(job_draft(employer.value.id, description=description))


def test_city_rules_reach_a_hall_and_block_the_new_phrase(hub: Hub, hall_a: Terminal) -> None:
    assert isinstance(post_with(hall_a, "限属龙的来"), Ok)  # the shipped rules let it pass
    publish(hub.engine, "post_rules", rules_with("限属龙", 90))
    report = hall_a.agent(hub.client).sync_once()
    assert report.ok and report.applied >= 1
    stored = stored_asset(hall_a.store, "post_rules")
    assert stored is not None and stored["version"] == 90
    blocked = post_with(hall_a, "限属龙的来")
    assert isinstance(blocked, Err) and "限属龙" in blocked.errors[0].text("zh_CN")


def test_the_hub_refuses_an_older_version_or_broken_rules(hub: Hub) -> None:
    publish(hub.engine, "post_rules", rules_with("限属龙", 90))
    with pytest.raises(AssetProblem, match="not newer"):
        publish(hub.engine, "post_rules", rules_with("限属虎", 90))
    broken = rules_with("限属虎", 91)
    broken["categories"][0]["rules"][-1]["severity"] = "maybe"
    with pytest.raises(AssetProblem):
        publish(hub.engine, "post_rules", broken)
    with pytest.raises(AssetProblem, match="unknown asset"):
        publish(hub.engine, "fonts", {"version": 1})


def test_a_catalogue_may_rename_or_add_but_never_drop_a_code(hub: Hub) -> None:
    data = shipped("catalogue")
    dropped = copy.deepcopy(data)
    dropped["version"] = data["version"] + 1
    gone = dropped["trades"].pop()["code"]
    with pytest.raises(AssetProblem, match=gone):
        publish(hub.engine, "catalogue", dropped)
    renamed = copy.deepcopy(data)
    renamed["version"] = data["version"] + 1
    renamed["trades"][0]["zh"] = "瓦工（砌筑）"
    assert publish(hub.engine, "catalogue", renamed) == data["version"] + 1


def test_a_published_catalogue_is_used_from_the_next_start(
        hub: Hub, hall_a: Terminal) -> None:
    data = shipped("catalogue")
    renamed = copy.deepcopy(data)
    renamed["version"] = data["version"] + 1
    renamed["trades"][0]["zh"] = "瓦工（砌筑）"
    publish(hub.engine, "catalogue", renamed)
    assert hall_a.agent(hub.client).sync_once().ok
    catalogue = current_catalogue(hall_a.store)
    assert catalogue.version == data["version"] + 1
    assert catalogue.trades[0].zh == "瓦工（砌筑）"


def signed(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """A feed payload of `data` signed with the test city key."""
    version = int(data["version"])
    return {"name": name, "version": version, "data": data,
            "signature": sign_asset(name, version, data, CITY_KEY)}


def test_the_terminal_checks_an_asset_again_and_keeps_what_it_has(hall_a: Terminal) -> None:
    state = SyncState(hall_a.store, city_keys=(CITY_PUBLIC,))
    good = signed("post_rules", rules_with("限属龙", 90))
    bad = signed("post_rules", {"version": 95})
    older = signed("post_rules", rules_with("限属虎", 80))
    assert state.apply_pulled([Pulled("asset", good)], 1, "2026-11-23T00:00:00.000Z") == 1
    assert state.apply_pulled([Pulled("asset", bad), Pulled("asset", older)], 3,
                              "2026-11-23T00:00:01.000Z") == 0
    kept = stored_asset(hall_a.store, "post_rules")
    assert kept is not None and kept["version"] == 90
    assert state.cursor() == 3  # the cursor moves on: a bad asset does not stop the feed


def test_kiosk_hub_assets_publish_command(hub: Hub, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    url = hub.engine.url.render_as_string(hide_password=False)
    good, bad = tmp_path / "rules.json", tmp_path / "bad.json"
    good.write_text(json.dumps(rules_with("限属龙", 90), ensure_ascii=False), "utf-8")
    bad.write_text("{not json", "utf-8")
    assert kiosk_hub(["--db", url, "assets", "publish", "post_rules", str(good)]) == 0
    assert "岗位发布规则第 90 版已发布到所有驿站" in capsys.readouterr().out
    assert kiosk_hub(["--db", url, "assets", "publish", "post_rules", str(good)]) == 2
    assert "第 90 版不比已发布的第 90 版新" in capsys.readouterr().err
    assert kiosk_hub(["--db", url, "--lang", "en", "assets", "publish", "post_rules", str(bad),
                      "--json"]) == 2
    answer = json.loads(capsys.readouterr().out)
    assert answer["errors"][0]["message"] == f"Cannot read the JSON file {bad}."


def test_open_app_uses_the_stored_catalogue(tmp_path: Path) -> None:
    data_dir = tmp_path / "hall"
    assert kiosk(["--data-dir", str(data_dir), "init"]) == 0
    renamed = shipped("catalogue")
    renamed["version"] += 1
    renamed["trades"][0]["zh"] = "瓦工（砌筑）"
    app = open_app(Paths.resolve(data_dir))
    try:
        SyncState(app.store, city_keys=(CITY_PUBLIC,)).apply_pulled(
            [Pulled("asset", signed("catalogue", renamed))], 1, "2026-11-23T00:00:00.000Z")
    finally:
        app.close()
    again = open_app(Paths.resolve(data_dir))
    try:
        assert again.services.catalogue.trades[0].zh == "瓦工（砌筑）"
    finally:
        again.close()
