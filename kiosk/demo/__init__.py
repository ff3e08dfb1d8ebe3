"""The demo city: realistic seed data for a hall, and two halls with a hub for `kiosk demo`."""
