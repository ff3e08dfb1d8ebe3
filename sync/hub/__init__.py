"""The city hub: HTTP API, database schema and migrations, terminal tokens; `kiosk-hub`."""
