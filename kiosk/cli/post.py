"""`kiosk check-post`: the discrimination check for a job post's text, for staff and scripts.

Exit codes: 0 nothing blocks the post (warnings may be listed); 3 the post is flagged (a
blocking hit); 2 bad input (an unreadable or invalid `--rules` file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_OK, BadInput, emit
from kiosk.core.errors import N_, FieldError
from kiosk.core.i18n import translate
from kiosk.core.post_check import PostRules, check_post, explain, load_rules, rules_from_data

EXIT_FLAGGED = 3


def cmd_check_post(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    check = check_post(text, _rules(args.rules), args.trade or "")
    summary = explain(check, args.lang) or translate(
        N_("No discriminatory wording found."), args.lang)
    emit(args, check.to_json(), summary)
    return EXIT_FLAGGED if check.flagged else EXIT_OK


def _rules(path: str | None) -> PostRules:
    if path is None:
        return load_rules()
    try:
        return rules_from_data(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise BadInput([FieldError("rules", "rules_file", N_(
            "The rules file cannot be used: {reason}"), {"reason": str(exc)})]) from exc
