"""What every `kiosk` command group shares: exit codes, bad input, output, the app."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import TypeVar

from kiosk.app import App, open_app
from kiosk.core.errors import FieldError
from kiosk.system.config import Paths

T = TypeVar("T")

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Input the command cannot use; carries field errors."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__("bad input")
        self.errors = tuple(errors)


def run_with_app(args: argparse.Namespace, action: Callable[[App], T]) -> T:
    app = open_app(Paths.resolve(args.data_dir))
    try:
        return action(app)
    finally:
        app.close()


def emit(args: argparse.Namespace, data: object, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)
