"""What `kiosk-hub` tells a person, in the chosen language; or JSON only, for scripts.

Messages are English source texts marked with `N_()` and translated through the one
catalogue (zh_CN default). With `--json` the result is JSON on stdout, and so is an error
(`{"ok": false, "errors": [...]}`, the shape `kiosk --json` uses); nothing goes to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.core.errors import N_, FieldError
from kiosk.core.i18n import translate

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
PROG = "kiosk-hub"


class HubError(Exception):
    """A problem the command reports and exits on: a catalogue message and its values.

    `detail` is the technical reason from the OS, driver or checker (its own language),
    shown after the message, never instead of it.
    """

    def __init__(self, code: str, message: str, *, exit_code: int = EXIT_BAD_INPUT,
                 detail: str = "", **params: str | int) -> None:
        super().__init__(message.format(**params))
        self.error = FieldError("", code, message, params)
        self.exit_code = exit_code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Output:
    language: str
    as_json: bool

    def tr(self, message: str, **params: str | int) -> str:
        """`message` translated, placeholders filled."""
        return translate(message, self.language).format(**params)

    def done(self, data: Any, text: str) -> None:
        """The command's result: `data` as JSON with --json, else `text`."""
        if self.as_json:
            print(json.dumps(data, ensure_ascii=False, indent=2))
        elif text:
            print(text, flush=True)

    def fail(self, problem: HubError) -> int:
        """Report `problem`; its exit code."""
        if self.as_json:
            entry: dict[str, object] = problem.error.to_json(self.language)
            if problem.detail:
                entry["detail"] = problem.detail
            print(json.dumps({"ok": False, "errors": [entry]}, ensure_ascii=False, indent=2))
            return problem.exit_code
        lines = [f"{PROG}: {problem.error.text(self.language)}"]
        if problem.detail:
            detail = self.label(N_("Details:"), problem.detail)
            lines.append(f"{PROG}: {detail}")
        print("\n".join(lines), file=sys.stderr)
        return problem.exit_code

    def label(self, heading: str, text: str) -> str:
        """`heading` (a catalogue message ending in a colon) translated, then `text`; no
        space after a full-width colon."""
        translated = self.tr(heading)
        return f"{translated}{'' if translated.endswith('：') else ' '}{text}"

    def pair(self, name: str, text: str) -> str:
        """`name: text` with the language's colon (full-width in Chinese)."""
        return f"{name}{'：' if self.language == 'zh_CN' else ': '}{text}"

    def labelled(self, counts: Mapping[str, int], labels: Mapping[str, str]) -> str:
        """`label number` pairs, e.g. `签到人次 12  招聘成功人数 3`."""
        return "  ".join(f"{self.tr(labels[name])} {counts[name]}" for name in labels)
