"""The only code that touches the terminal SQLite file."""
