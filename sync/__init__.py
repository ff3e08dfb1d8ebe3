"""Sync between terminals and the city hub: wire protocol, terminal agent, hub server."""
