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

_ESCAPE = re.compile(r'\\([\\trn"])')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def _unescape(quoted: str) -> str:
    """The text of one quoted PO string (`"…"`)."""
    inner = quoted[1:-1]
    if "\\" not in inner:
        return inner
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), inner)


Key = tuple[str | None, str]  # (msgctxt, msgid)


def _keep(found: dict[Key, tuple[str, bool]], entry: dict[str, list[str]],
          fuzzy: bool) -> None:
    """Keep one entry read (the first of two with the same id wins, like Babel; a fuzzy
    flag on either makes it fuzzy). Plural entries are skipped."""
    if "msgid" not in entry or "msgid_plural" in entry:
        return
    text = {keyword: "".join(map(_unescape, quoted)) for keyword, quoted in entry.items()}
    key = (text.get("msgctxt"), text["msgid"])
    earlier = found.get(key)
    if earlier is None:
        found[key] = (text.get("msgstr[0]", ""), fuzzy)
    else:
        found[key] = (earlier[0], earlier[1] or fuzzy)


def _is_fuzzy(comment: str) -> bool:
    return comment.startswith("#,") and "fuzzy" in (f.strip() for f in comment[2:].split(","))


def read_translations(text: str) -> dict[str, str]:
    """msgid → msgstr of every translated, non-fuzzy, singular entry (not the header)."""
    found: dict[Key, tuple[str, bool]] = {}
    entry: dict[str, list[str]] = {}  # keyword (msgctxt, msgid, msgstr[0] …) → its lines
    current: list[str] | None = None  # where a continued string goes
    fuzzy = False  # a `#, fuzzy` comment came before the entry's msgid
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line[0] == '"':
            if current is not None:
                current.append(line)
            continue
        if line[0] == "#" or (line.startswith(("msgid ", "msgctxt ")) and "msgid" in entry):
            if entry:
                _keep(found, entry, fuzzy)
                entry, current, fuzzy = {}, None, False
            if line[0] == "#":
                fuzzy = fuzzy or _is_fuzzy(line)
                continue
        keyword, _, quoted = line.partition(" ")
        current = entry["msgstr[0]" if keyword == "msgstr" else keyword] = [quoted.strip()]
    if entry:
        _keep(found, entry, fuzzy)
    return {msgid: string for (_context, msgid), (string, fuzzy) in found.items()
            if msgid and string and not fuzzy}
