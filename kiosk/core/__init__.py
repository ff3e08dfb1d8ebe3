"""Pure domain: records, validation, catalogue, privacy. No Qt, no SQLite, no network."""
