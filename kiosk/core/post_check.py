"""The discrimination check for job posts, driven by `assets/post_rules.json`.

The rules are grouped by the legal categories of the Employment Promotion Law
(《就业促进法》) and the human-resources ministry's rules. Each rule is a list of literal
phrases and regular expressions with a severity: `block` (the post cannot be saved until it
is edited, unless a supervisor overrides) or `warn` (shown to staff, saving allowed). Each
category also has allow patterns (男女不限, 年满18周岁, 健康证, …): a hit that an allow
match of its category overlaps is dropped.

Matching runs on normalised copies of the text (NFKC, lower case, Chinese numerals of ages
turned into digits): one without whitespace ("限 男" is "限男") and, when the text has
spaces between words, one where each run of whitespace is a comma, because clerks separate
conditions with spaces ("招保安 男 50岁以下"). A hit in either copy counts, an allow match in
either copy cancels the hits it overlaps, and every hit keeps the span and the phrase as
they appear in the original text.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from kiosk.core.errors import N_, FieldError
from kiosk.core.i18n import translate
from kiosk.core.protected_work import (
    NO_PROTECTED_WORK,
    ProtectedItem,
    ProtectedList,
    ProtectedWork,
    protected_work_from_data,
)
from kiosk.core.wages import MinimumWage

BLOCK, WARN = "block", "warn"
SEVERITIES = (BLOCK, WARN)
# Not a rule's severity: a limit the law allows on this work (kiosk.core.protected_work),
# shown to staff with its basis; it never blocks.
LAWFUL = "lawful"
_MEN = re.compile("男|小伙|壮汉|大叔|大哥|小哥|爷们")
_WOMEN = re.compile("女|阿姨|大姐|大嫂|大妈|姑娘|小妹|妹子|姐")
_MACRO = re.compile(r"\{([A-Z_]+)\}")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十]+")
# A run of Chinese numerals is an age when 岁 (来岁, 多岁), 后 or 出头 follows, when it is
# the low end of a range that ends in 岁, or when it follows 年龄 (年纪, 岁数) in the same
# clause and is followed by a range, a bound or the end of the clause.
_CN_AGE_AFTER = re.compile(
    r"[来多]?周?岁|后|出头|[至到\-~—–－]+[零〇一二两三四五六七八九十\d]+周?岁")
_CN_AGE_CONTEXT = re.compile(r"(?:年龄|年纪|岁数)[^,，。;；!！?？]{0,6}$")
_CN_AGE_BOUND = re.compile(
    r"$|周?岁|[,，。;；!！?？、)）]|[至到\-~—–－]|以[下内上]|之[下内上间]|左右|上下|内|前")
_RANGE_GAP = re.compile(r"(?:周?岁)?[至到\-~—–－]+")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_SPACE_SEPARATOR = ","
_INNER_SPACE = re.compile(r"\S\s+\S")


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    zh: str
    en: str
    basis_zh: str
    basis_en: str

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.zh

    def basis(self, language: str) -> str:
        return self.basis_en if language == "en" else self.basis_zh


@dataclass(frozen=True, slots=True)
class NumericRange:
    """The rule applies only when the named group's number lies in [low, high]."""

    group: str
    low: int
    high: int

    def accepts(self, match: re.Match[str]) -> bool:
        value = match.groupdict().get(self.group)
        return value is None or self.low <= int(value) <= self.high


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: Category
    severity: str
    patterns: tuple[re.Pattern[str], ...]
    numeric: NumericRange | None = None
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True, slots=True)
class CategoryRules:
    category: Category
    rules: tuple[Rule, ...]
    allow: tuple[re.Pattern[str], ...]
    downgrade_when: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class PostRules:
    version: int
    categories: tuple[CategoryRules, ...]
    minimum_wage: MinimumWage = field(default_factory=MinimumWage)  # kiosk.core.wages
    protected: ProtectedWork = NO_PROTECTED_WORK  # kiosk.core.protected_work

    def category(self, code: str) -> Category | None:
        return next((c.category for c in self.categories if c.category.code == code), None)


@dataclass(frozen=True, slots=True)
class Hit:
    category: Category
    rule: str
    phrase: str  # as written in the checked text
    start: int  # span in the checked text
    end: int
    severity: str
    note_zh: str = ""
    note_en: str = ""

    @property
    def code(self) -> str:
        return self.category.code

    def to_json(self) -> dict[str, object]:
        c = self.category
        return {"category": c.code, "category_zh": c.zh, "category_en": c.en,
                "phrase": self.phrase, "start": self.start, "end": self.end,
                "severity": self.severity, "rule": self.rule,
                "basis_zh": c.basis_zh, "basis_en": c.basis_en,
                "note_zh": self.note_zh, "note_en": self.note_en}


@dataclass(frozen=True, slots=True)
class PostCheck:
    hits: tuple[Hit, ...]  # in text order
    rules_version: int

    @property
    def flagged(self) -> bool:
        """True when any hit blocks saving."""
        return any(h.severity == BLOCK for h in self.hits)

    @property
    def blocking(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.severity == BLOCK)

    @property
    def warnings(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.severity == WARN)

    def to_json(self) -> dict[str, object]:
        return {"flagged": self.flagged, "rules_version": self.rules_version,
                "hits": [h.to_json() for h in self.hits]}


# -- loading -----------------------------------------------------------------------------

def _minimum_wage(data: Any) -> MinimumWage:
    """The rules' `minimum_wage` ({hourly_cents, monthly_cents, source}); the defaults
    without one. Raises ValueError on figures that are not positive whole cents."""
    if data is None:
        return MinimumWage()
    hourly, monthly = data["hourly_cents"], data["monthly_cents"]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0
               for v in (hourly, monthly)) or not str(data["source"]).strip():
        raise ValueError("post rules: minimum_wage needs positive hourly_cents, "
                         "monthly_cents and a source")
    return MinimumWage(hourly_cents=hourly, monthly_cents=monthly, source=str(data["source"]))


@functools.cache
def load_rules() -> PostRules:
    """The rules shipped in `assets/post_rules.json` (read once; the result is immutable)."""
    source = resources.files("kiosk_assets").joinpath("post_rules.json")
    return rules_from_data(json.loads(source.read_text(encoding="utf-8")))


def rules_from_data(data: Mapping[str, Any]) -> PostRules:
    """Rules from parsed JSON (the shipped file or a newer one from the city's feed).

    Raises ValueError when the data is malformed or a pattern does not compile.
    """
    try:
        macros = {name: "(?:" + "|".join(items) + ")"
                  for name, items in data.get("lists", {}).items()}
        categories = tuple(_category_rules(c, macros) for c in data["categories"])
        protected = protected_work_from_data(data.get("protected_work"),
                                             lambda p: _compile(p, macros))
        return PostRules(version=int(data["version"]), categories=categories,
                         minimum_wage=_minimum_wage(data.get("minimum_wage")),
                         protected=protected)
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise ValueError(f"post rules: {exc}") from exc


def _category_rules(data: Mapping[str, Any], macros: Mapping[str, str]) -> CategoryRules:
    category = Category(code=data["code"], zh=data["name"]["zh"], en=data["name"]["en"],
                        basis_zh=data["basis"]["zh"], basis_en=data["basis"]["en"])
    return CategoryRules(
        category=category,
        rules=tuple(_rule(r, category, macros) for r in data["rules"]),
        allow=tuple(_compile(p, macros) for p in data.get("allow", ())),
        downgrade_when=tuple(_compile(p, macros) for p in data.get("downgrade_when", ())))


def _rule(data: Mapping[str, Any], category: Category, macros: Mapping[str, str]) -> Rule:
    severity = data["severity"]
    if severity not in SEVERITIES:
        raise ValueError(f"rule {data['id']}: severity must be block or warn")
    phrases = [re.escape(normalise(p).text) for p in data.get("phrases", ())]
    sources = (["|".join(phrases)] if phrases else []) + list(data.get("regex", ()))
    if not sources:
        raise ValueError(f"rule {data['id']}: no phrases or regex")
    numeric = data.get("numeric")
    note = data.get("note", {})
    return Rule(
        id=data["id"], category=category, severity=severity,
        patterns=tuple(_compile(s, macros) for s in sources),
        numeric=NumericRange(numeric["group"], int(numeric["min"]), int(numeric["max"]))
        if numeric else None,
        note_zh=note.get("zh", ""), note_en=note.get("en", ""))


def _compile(pattern: str, macros: Mapping[str, str]) -> re.Pattern[str]:
    def expand(match: re.Match[str]) -> str:
        return macros[match.group(1)]
    return re.compile(_MACRO.sub(expand, pattern), re.IGNORECASE)


# -- normalising -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Normalised:
    """The text to match and, for each of its characters, its index in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def normalise(text: str, *, spaces: str = "") -> Normalised:
    """The text to match: NFKC, lower case, ages in digits; each run of whitespace becomes
    `spaces` (by default it is dropped; leading and trailing whitespace always is)."""
    chars: list[str] = []
    origin: list[int] = []
    gap: int | None = None
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if char.isspace():
            gap = index if gap is None else gap
            continue
        if gap is not None and spaces and chars:
            chars.append(spaces)
            origin.append(gap)
        gap = None
        for out in unicodedata.normalize("NFKC", char).lower():
            if not out.isspace():
                chars.append(out)
                origin.append(index)
    return _convert_numerals(Normalised("".join(chars), tuple(origin)))


def variants(text: str) -> tuple[Normalised, ...]:
    """The normalised copies a text is matched in (see the module's docstring)."""
    plain = normalise(text)
    if not _INNER_SPACE.search(text.strip()):
        return (plain,)
    return plain, normalise(text, spaces=_SPACE_SEPARATOR)


def _age_numerals(text: str) -> list[tuple[re.Match[str], str]]:
    """The runs of Chinese numerals in `text` that are ages, with their digits."""
    found: list[tuple[re.Match[str], str]] = []
    previous_end = -1
    for match in _CN_RUN.finditer(text):
        digits = _chinese_number(match.group())
        if digits is None:
            continue
        after = text[match.end():]
        range_end = previous_end >= 0 and _RANGE_GAP.fullmatch(
            text[previous_end:match.start()]) is not None
        in_context = _CN_AGE_CONTEXT.search(text[max(0, match.start() - 8):match.start()]) and (
            _CN_AGE_BOUND.match(after))
        if _CN_AGE_AFTER.match(after) or range_end or in_context:
            found.append((match, digits))
            previous_end = match.end()
    return found


def _convert_numerals(norm: Normalised) -> Normalised:
    """三十五岁 → 35岁, 九零后 → 90后, keeping each digit's origin in the run it came from."""
    chars: list[str] = []
    origin: list[int] = []
    last = 0
    for match, digits in _age_numerals(norm.text):
        chars.append(norm.text[last:match.start()])
        origin.extend(norm.origin[last:match.start()])
        run = norm.origin[match.start():match.end()]
        chars.append(digits)
        origin.extend([run[0]] * (len(digits) - 1) + [run[-1]])
        last = match.end()
    if not last:
        return norm
    chars.append(norm.text[last:])
    origin.extend(norm.origin[last:])
    return Normalised("".join(chars), tuple(origin))


def _chinese_number(run: str) -> str | None:
    """十八 → 18, 三十五 → 35, 九零 → 90 (digit by digit); None for what is not a number."""
    if "十" not in run:
        return "".join(str(_CN_DIGITS[c]) for c in run)
    tens, _, units = run.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    return str(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0))


# -- checking ----------------------------------------------------------------------------

def check_post(text: str, rules: PostRules, trade: str = "", context: str = "") -> PostCheck:
    """Every discriminatory phrase in `text`, in text order. Limits the law allows on the
    job's work are `LAWFUL` (kiosk.core.protected_work): work its `trade` (a catalogue
    code) is, or that the text or the rest of the post (`context`) shows (矿山井下)."""
    copies = variants(text)
    hits: list[Hit] = []
    for group in rules.categories:
        hits.extend(_category_hits(text, copies, group))
    texts = (text, context)
    hits = _women_exception(hits, rules.protected.women.item_for(trade, texts),
                            rules.protected.women)
    hits += _adult_limits(text, copies, rules, rules.protected.minors.item_for(trade, texts))
    hits.sort(key=lambda h: (h.start, h.end, h.category.code))
    return PostCheck(hits=tuple(hits), rules_version=rules.version)


def _men_only(hit: Hit) -> bool:
    """The gender hit limits the post to men (限男, 女士勿扰, 招小伙子)."""
    men, women = bool(_MEN.search(hit.phrase)), bool(_WOMEN.search(hit.phrase))
    return (women and not men) if hit.rule == "gender.reject" else (men and not women)


def _women_exception(hits: list[Hit], item: ProtectedItem | None,
                     women: ProtectedList) -> list[Hit]:
    """On work the law forbids for women a men-only limit is lawful, with the item named;
    on other work a blocking men-only limit says what the law allows instead."""
    out = []
    for hit in hits:
        if hit.code != "gender" or not _men_only(hit):
            out.append(hit)
        elif item is not None:
            out.append(_lawful(hit, women, item))
        elif hit.severity == BLOCK and women.alternative_zh:
            out.append(replace(hit, note_zh=_joined(hit.note_zh, women.alternative_zh, "；"),
                               note_en=_joined(hit.note_en, women.alternative_en, "; ")))
        else:
            out.append(hit)
    return out


def _adult_limits(text: str, copies: Sequence[Normalised], rules: PostRules,
                  item: ProtectedItem | None) -> list[Hit]:
    """"18 and over" on work the law keeps from minors: shown as lawful, with the item."""
    minors, age = rules.protected.minors, rules.category("age")
    if item is None or age is None:
        return []
    spans = {_trimmed(text, *norm.span(start, end)) for norm in copies
             for start, end in _spans(norm.text, minors.limits)}
    kept = [(s, e) for s, e in sorted(spans, key=lambda se: (se[0], se[0] - se[1]))
            if s < e]
    hits: list[Hit] = []
    for start, end in kept:
        if not _overlaps(start, end, [(h.start, h.end) for h in hits]):
            probe = Hit(age, "age.adult_only", text[start:end], start, end, LAWFUL)
            hits.append(_lawful(probe, minors, item))
    return hits


def _lawful(hit: Hit, law: ProtectedList, item: ProtectedItem) -> Hit:
    return replace(hit, severity=LAWFUL,
                   note_zh=f"{law.law_zh}（{item.number}）{item.zh}",
                   note_en=f"{law.law_en} ({item.number}) {item.en}")


def _joined(first: str, second: str, separator: str) -> str:
    return f"{first}{separator}{second}" if first else second


def _category_hits(text: str, copies: Sequence[Normalised], group: CategoryRules) -> list[Hit]:
    """The category's hits in original-text spans: found in any copy, allowed in none."""
    allowed = [norm.span(start, end) for norm in copies
               for start, end in _spans(norm.text, group.allow)]
    downgrade = any(p.search(norm.text) for norm in copies for p in group.downgrade_when)
    found: list[tuple[int, int, Rule]] = []
    for norm in copies:
        for rule in group.rules:
            for pattern in rule.patterns:
                for m in pattern.finditer(norm.text):
                    if m.end() == m.start() or not (rule.numeric is None
                                                    or rule.numeric.accepts(m)):
                        continue
                    start, end = _trimmed(text, *norm.span(m.start(), m.end()))
                    if start < end and not _overlaps(start, end, allowed):
                        found.append((start, end, rule))
    return [_hit(text, start, end, rule, downgrade=downgrade)
            for start, end, rule in _strongest(found)]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace at its ends (a comma that stands for spaces)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _spans(text: str, patterns: Iterable[re.Pattern[str]]) -> list[tuple[int, int]]:
    return [m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()]


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def _strongest(found: list[tuple[int, int, Rule]]) -> list[tuple[int, int, Rule]]:
    """Of overlapping hits in one category keep the blocking, then the longest, one."""
    ranked = sorted(found, key=lambda f: (f[2].severity != BLOCK, f[0] - f[1], f[0]))
    kept: list[tuple[int, int, Rule]] = []
    for start, end, rule in ranked:
        if not _overlaps(start, end, [(s, e) for s, e, _ in kept]):
            kept.append((start, end, rule))
    return kept


def _hit(text: str, start: int, end: int, rule: Rule, *, downgrade: bool) -> Hit:
    return Hit(category=rule.category, rule=rule.id, phrase=text[start:end], start=start,
               end=end, severity=WARN if downgrade else rule.severity,
               note_zh=rule.note_zh, note_en=rule.note_en)


# -- explaining --------------------------------------------------------------------------

def explain_hit(hit: Hit, language: str) -> str:
    """One line: category, the phrase, and the legal basis (and a note when the rule has one)."""
    note = hit.note_en if language == "en" else hit.note_zh
    if hit.severity == LAWFUL:
        return translate(N_("Lawful here, {category}: “{phrase}” — {law}"), language).format(
            category=hit.category.name(language), phrase=hit.phrase, law=note)
    template = N_("{category}: “{phrase}” — {basis}") if hit.severity == BLOCK else N_(
        "Warning, {category}: “{phrase}” — {basis}")
    line = translate(template, language).format(
        category=hit.category.name(language), phrase=hit.phrase,
        basis=hit.category.basis(language))
    if not note:
        return line
    return f"{line} ({note})" if language == "en" else f"{line}（{note}）"


def explain(check: PostCheck, language: str) -> str:
    """The explanation staff read: a heading and one line per hit (empty when no hits)."""
    if not check.hits:
        return ""
    heading = N_("This post contains discriminatory wording. Please edit it:") if (
        check.flagged) else N_("Please check this wording:") if check.warnings else N_(
        "The law allows these limits on this work:")
    return "\n".join([translate(heading, language)] + [
        f"  - {explain_hit(h, language)}" for h in check.hits])


def post_errors(fields: Mapping[str, str], rules: PostRules,
                trade: str = "") -> tuple[FieldError, ...]:
    """One `discriminatory` error per blocking hit, on the field (title, description…) it
    is in. Markers of protected work (矿山井下) count from any of the fields."""
    whole = "\n".join(fields.values())
    return tuple(
        FieldError(name, "discriminatory", N_(
            "Discriminatory wording: “{phrase}” ({category}). Please edit it."),
            {"phrase": hit.phrase, "category": hit.category.zh, "category_code": hit.code})
        for name, text in fields.items()
        for hit in check_post(text, rules, trade, whole).blocking)
