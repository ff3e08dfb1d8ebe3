"""What input accepts is what the fonts draw: names with rare characters (CJK extensions A
and B) are accepted and print; what no font has, and emoji in job text, are refused at
input with a message."""

from __future__ import annotations

from pathlib import Path

from kiosk.core import fields, glyphs
from kiosk.core.errors import Err, Ok
from tests.core.glyph_ranges_gen import generate

RARE_NAMES = ("陈小䶮", "𠮷大明", "王㛃", "李𪚥")


def test_the_coverage_table_matches_the_installed_font_chain() -> None:
    committed = (Path(__file__).resolve().parents[2] / "kiosk/core/glyph_ranges.py").read_text()
    assert generate() == committed, "regenerate: python tests/core/glyph_ranges_gen.py"


def test_names_with_extension_a_and_b_characters_are_accepted() -> None:
    for name in RARE_NAMES:
        assert fields.validate_person_name(name) == Ok(name)
        assert glyphs.undrawable(name) == ""


def test_a_character_no_font_draws_is_refused_with_the_characters_named() -> None:
    ext_g = "\U00030000"  # CJK extension G: no TrueType font in Debian has it
    result = fields.validate_person_name(f"张{ext_g}")
    assert isinstance(result, Err) and result.errors[0].code == "undrawable"
    assert result.errors[0].params == {"chars": ext_g}
    job = fields.validate_text(f"招{ext_g}工", "title", required=True, max_len=40)
    assert isinstance(job, Err) and job.errors[0].code == "undrawable"


def test_emoji_are_refused_in_job_text_but_chinese_symbols_are_not() -> None:
    for text in ("急招👷瓦工", "日结💰", "好活\u2764\ufe0f", "🇨🇳"):
        result = fields.validate_text(text, "title", required=True, max_len=40)
        assert isinstance(result, Err) and result.errors[0].code == "emoji", text
    for text in ("★急招★ 瓦工（日结）¥350/天", "室温30℃，面积50㎡"):
        assert isinstance(fields.validate_text(text, "title", required=True, max_len=40), Ok)
