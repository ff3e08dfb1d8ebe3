"""The `.po` reader gives what Babel's `read_po` gives: on the real catalogue and on the
corners of the format."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiosk.core.po import read_translations

ZH_PO = Path(__file__).resolve().parents[2] / "assets/locale/zh_CN/LC_MESSAGES/kiosk.po"

CORNERS = r'''# a header comment
msgid ""
msgstr ""
"Language: zh_CN\n"
"Plural-Forms: nplurals=1; plural=0;\n"

#: kiosk/a.py:1 kiosk/b.py:2
#. an extracted comment
#, python-brace-format
msgid "Hello {name}"
msgstr "你好 {name}"

msgid ""
"Two "
"lines"
msgstr ""
"两"
"行"

msgid "Escapes: \"quoted\" \\ back\tslash\n"
msgstr "转义：“\"” \\ 反\t斜杠\n"

#, fuzzy
msgid "Fuzzy"
msgstr "模糊"

#, python-format, fuzzy
msgid "Fuzzy too"
msgstr "也模糊"

msgid "Untranslated"
msgstr ""

msgid "One apple"
msgid_plural "{n} apples"
msgstr[0] "{n} 个苹果"

msgctxt "menu"
msgid "Open"
msgstr "打开"

msgid "Twice"
msgstr "第一次"

msgid "Twice"
msgstr "第二次"

#~ msgid "Gone"
#~ msgstr "已删"

msgid "Last"
msgstr "最后"
'''


def babel_translations(text: str) -> dict[str, str]:
    parsed = read_po(io.StringIO(text), locale="zh_CN")
    return {str(m.id): str(m.string) for m in parsed
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def test_the_real_catalogue_reads_as_babel_reads_it() -> None:
    text = ZH_PO.read_text(encoding="utf-8")
    ours = read_translations(text)
    assert ours == babel_translations(text)
    assert len(ours) > 500


def test_the_corners_of_the_format_read_as_babel_reads_them() -> None:
    ours = read_translations(CORNERS)
    assert ours == babel_translations(CORNERS)
    assert ours["Escapes: \"quoted\" \\ back\tslash\n"] == "转义：“\"” \\ 反\t斜杠\n"
    assert ours["Two lines"] == "两行"
    assert ours["Twice"] == "第一次"
    assert "Fuzzy" not in ours and "Fuzzy too" not in ours and "Gone" not in ours
    assert "" not in ours and "Untranslated" not in ours and "One apple" not in ours


@pytest.mark.parametrize("text", ["", "# only a comment\n", 'msgid ""\nmsgstr ""\n'])
def test_nothing_to_translate(text: str) -> None:
    assert read_translations(text) == {}
