"""`kiosk config show [--json]` and `kiosk config check [--json]`.

`show` prints the configuration in effect (every default filled in) and the hub this
terminal syncs with, its token masked. `check` lists every problem, errors and warnings,
in the configuration file and in the provisioning file (sync.json); exit status 1 when
there is an error, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, emit
from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.system.config import (
    Config,
    ConfigProblem,
    Paths,
    check_config,
    load_config,
    render_config,
)
from sync import provisioning

MASK = "****"


def mask_secret(secret: str) -> str:
    """A token shown only by its last four characters (enough to tell two apart)."""
    return MASK + secret[-4:] if len(secret) >= 16 else MASK


def hub_summary(paths: Paths) -> dict[str, str] | None:
    """The provisioning in sync.json with its token masked, or None (not provisioned)."""
    try:
        given = provisioning.load(paths.data_dir / provisioning.FILE_NAME)
    except (OSError, ValueError, KeyError, TypeError):
        return {"error": "unreadable"}
    if given is None:
        return None
    return {"url": given.hub, "terminal": given.terminal, "hall": given.hall,
            "token": mask_secret(given.token)}


def hub_problems(paths: Paths, config: Config | None) -> list[ConfigProblem]:
    """What is wrong with sync.json: unreadable, a bad hub URL, another hall's code."""
    key = provisioning.FILE_NAME
    try:
        given = provisioning.load(paths.data_dir / key)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [ConfigProblem(key, N_("The file cannot be read: {detail}"),
                              {"detail": str(exc)})]
    if given is None:
        return [ConfigProblem(key, N_(
            "This terminal is not connected to a hub yet: run `kiosk provision` first."),
            warning=True)]
    problems = []
    url = urlsplit(given.hub)
    if url.scheme not in ("http", "https") or not url.hostname:
        problems.append(ConfigProblem(f"{key}: hub", N_(
            "must be a web address starting with http:// or https://.")))
    if not given.token.strip():
        problems.append(ConfigProblem(f"{key}: token", N_("is required.")))
    if config is not None and given.hall != config.hall.id:
        problems.append(ConfigProblem(f"{key}: hall", N_(
            "is {given}, but this terminal's hall is {ours}: provision it again."),
            {"given": given.hall, "ours": config.hall.id}))
    return problems


def config_as_dict(config: Config) -> dict[str, object]:
    data = asdict(config)
    data["hall"]["name"] = config.hall.name
    data["printers"] = [{**asdict(p), "options": dict(p.options)} for p in config.printers]
    return data


def cmd_config_show(args: argparse.Namespace) -> int:
    paths = Paths.resolve(args.data_dir)
    config = load_config(paths.config_file)  # ConfigError: main() says what is wrong
    hub = hub_summary(paths)
    if args.json:
        print(json.dumps({"config_file": str(paths.config_file), "data_dir": str(paths.data_dir),
                          "config": config_as_dict(config), "hub": hub},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    lines = [f"# {paths.config_file}", render_config(config).rstrip("\n"), "",
             f"# {paths.data_dir / provisioning.FILE_NAME}"]
    if hub is None:
        lines.append("# " + translate(N_(
            "This terminal is not connected to a hub yet: run `kiosk provision` first."),
            args.lang))
    else:
        lines += [f"# hub.{key} = {value}" for key, value in hub.items()]
    print("\n".join(lines))
    return EXIT_OK


def cmd_config_check(args: argparse.Namespace) -> int:
    paths = Paths.resolve(args.data_dir)
    config, problems = check_config(paths.config_file)
    problems += hub_problems(paths, config)
    errors = [p for p in problems if not p.warning]
    if errors:
        verdict = translate(N_("The configuration has {count} errors."), args.lang).format(
            count=len(errors))
    else:
        verdict = translate(N_("The configuration is valid."), args.lang)
    data = {"ok": not errors, "config_file": str(paths.config_file),
            "problems": [_problem_json(p, args.lang) for p in problems]}
    lines = [f"{_mark(p)} {_where(paths.config_file, p)}{p.text(args.lang)}" for p in problems]
    emit(args, data, "\n".join([*lines, verdict]))
    return EXIT_FAILURE if errors else EXIT_OK


def _where(config_file: Path, problem: ConfigProblem) -> str:
    return "" if problem.key.startswith(provisioning.FILE_NAME) else f"{config_file.name}: "


def _mark(problem: ConfigProblem) -> str:
    return "WARN " if problem.warning else "ERROR"


def _problem_json(problem: ConfigProblem, language: str) -> dict[str, object]:
    return {"key": problem.key, "severity": "warning" if problem.warning else "error",
            "message": problem.text(language), "message_en": problem.text("en")}


def cmd_screen(args: argparse.Namespace) -> int:
    """`on` or `off`: should the screen be on now (or at --at HH:MM), by [display]."""
    from kiosk.system.screen_hours import hall_time, screen_on  # noqa: PLC0415

    config = load_config(Paths.resolve(args.data_dir).config_file)
    at = args.at or hall_time(config)
    state = "on" if screen_on(config.display, at) else "off"
    emit(args, {"screen": state, "hall_time": at.strftime("%H:%M"),
                "blank_from": config.display.blank_from,
                "blank_until": config.display.blank_until}, state)
    return EXIT_OK
