"""A reader for the one `.po` catalogue: msgid → msgstr, as Babel's `read_po` gives them.

Babel's reader builds a full `Catalog` (locations, comments, a MIME header parsed with
`email`) and takes longer than the rest of a terminal's start-up together; the terminal
only needs the translations. Kept to what gettext's PO format has: `#` comments with the
`#, fuzzy` flag, `#~` obsolete entries (skipped), `msgctxt`, plural entries (skipped: the
code has no plural messages), multi-line strings and the escapes Babel understands
(\\n \\t \\r \\" \\\\). tests/core/test_po.py checks it against Babel on the real file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ESCAPE = re.compile(r'\\([\\trn"])')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def _unescape(quoted: str) -> str:
    """The text of one quoted PO string (`"…"`)."""
    inner = quoted[1:-1]
    if "\\" not in inner:
        return inner
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), inner)


@dataclass(slots=True)
class _Entry:
    """One entry being read: its strings by keyword (msgctxt, msgid, msgstr[0] …)."""

    parts: dict[str, list[str]] = field(default_factory=dict)
    fuzzy: bool = False
    current: str = ""

    def add(self, keyword: str, quoted: str) -> None:
        if keyword == "msgstr":
            keyword = "msgstr[0]"
        self.current = keyword
        self.parts[keyword] = [quoted]

    def text(self, keyword: str) -> str | None:
        quoted = self.parts.get(keyword)
        return None if quoted is None else "".join(map(_unescape, quoted))


@dataclass(slots=True)
class _Reader:
    found: dict[tuple[str | None, str], tuple[str, bool]] = field(default_factory=dict)
    entry: _Entry = field(default_factory=_Entry)

    def finish(self) -> None:
        """Keep the entry read so far (the first of two with the same id wins, like Babel;
        a fuzzy flag on either makes it fuzzy)."""
        entry, self.entry = self.entry, _Entry()
        msgid = entry.text("msgid")
        if msgid is None or "msgid_plural" in entry.parts:
            return
        key = (entry.text("msgctxt"), msgid)
        string = entry.text("msgstr[0]") or ""
        earlier = self.found.get(key)
        if earlier is not None:
            string, fuzzy = earlier[0], earlier[1] or entry.fuzzy
        else:
            fuzzy = entry.fuzzy
        self.found[key] = (string, fuzzy)

    def comment(self, line: str) -> None:
        if self.entry.parts:
            self.finish()
        if line.startswith("#,") and "fuzzy" in (f.strip() for f in line[2:].split(",")):
            self.entry.fuzzy = True

    def message_line(self, line: str) -> None:
        if line.startswith('"'):
            if self.entry.current:
                self.entry.parts[self.entry.current].append(line)
            return
        keyword, _, quoted = line.partition(" ")
        if keyword in ("msgid", "msgctxt") and "msgid" in self.entry.parts:
            self.finish()
        self.entry.add(keyword, quoted.strip())


def read_translations(text: str) -> dict[str, str]:
    """msgid → msgstr of every translated, non-fuzzy, singular entry (not the header)."""
    reader = _Reader()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            reader.comment(line)
        else:
            reader.message_line(line)
    reader.finish()
    return {msgid: string for (_context, msgid), (string, fuzzy) in reader.found.items()
            if msgid and string and not fuzzy}
