"""The 零工驿站 hall terminal: offline-first kiosk, counter and board."""

__version__ = "0.1.0"
