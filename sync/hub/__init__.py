"""The city hub server (lands with the sync issue)."""
