"""PySide6 lives only here: role windows, screens and shared widgets."""
