"""Use cases: what the screens and the CLI call, one module per area of the hall's work."""
