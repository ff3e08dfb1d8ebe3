"""The `kiosk` command: `main` builds the parser; one module per command group."""

from kiosk.cli.common import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK
from kiosk.cli.main import main

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILURE", "EXIT_OK", "main"]
