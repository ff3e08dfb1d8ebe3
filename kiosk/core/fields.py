"""Single-field validators (S2). Each returns Ok(normalised value) or Err(field errors)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from kiosk.core import glyphs
from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.records import PayUnit, Settlement, Sex, SkillLevel

# Province-level prefixes of GB/T 2260, plus 81/82/83 (residence permits for Hong Kong,
# Macao and Taiwan residents). County codes change (莱芜 → 济南) and are not checked.
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
     "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
     "63", "64", "65", "71", "81", "82", "83"}
)
MAX_AGE_YEARS = 120
MAX_PAY_CENTS = 100_000_000  # ¥1,000,000 for one unit of work is surely a typo
MAX_HEADCOUNT = 999
# 010 and 020–029 are the big cities' 3-digit area codes; every other code has 4 digits.
# The local number has 7 or 8 digits, possibly grouped ("8888 6666"); an extension may follow.
_LANDLINE = re.compile(
    r"\(?(010|02[0-9]|0[3-9][0-9]{2})\)?\s*-?\s*([0-9]{3,4})[\s\-]?([0-9]{4})"
    r"(?:\s*(?:-|ext\.?|转)\s*([0-9]{1,5}))?", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-‐–—_.·()（）]+")


@dataclass(frozen=True, slots=True)
class IdNumber:
    number: str
    birth_date: date
    sex: Sex


def with_check_digit(first17: str) -> str:
    """Complete 17 digits into an 18-character ID number with its GB 11643 check digit."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need exactly 17 digits")
    return first17 + id_check_digit(first17)


def id_check_digit(first17: str) -> str:
    """GB 11643's check character (ISO 7064 MOD 11-2) of an ID number's first 17 digits.

    python-stdnum's formula (`stdnum.cn.ric`), here so that reading an ID number does not
    import stdnum, whose import costs a tenth of the touchscreen's start-up."""
    checksum = (1 - 2 * int(first17, 13)) % 11
    return "X" if checksum == 10 else str(checksum)


def normalise(raw: str) -> str:
    """Full-width to half-width (NFKC) and trimmed."""
    return unicodedata.normalize("NFKC", raw).strip()


MIN_WORKING_AGE = 16  # 劳动法 第十五条: employing anyone younger is forbidden


def age_on(birth: date, day: date) -> int:
    """Whole years from `birth` to `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def validate_id_number(raw: str, today: date, field: str = "id_number") -> Result[IdNumber]:
    """身份证号: 18 characters, GB 11643 check digit, a real birth date not in the future."""
    number = re.sub(r"\s+", "", normalise(raw)).upper()
    if not number:
        return fail(field, "required", N_("Please enter the ID card number."))
    if re.fullmatch(r"[0-9]{15}", number):
        return fail(field, "first_generation", N_(
            "This is an old 15-digit ID number. Please use the 18-digit number "
            "on your second-generation ID card."))
    if len(number) != 18:
        return fail(field, "length", N_(
            "The ID number must have 18 characters; you entered {count}."), count=len(number))
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        return fail(field, "format", N_(
            "The ID number has 17 digits followed by a digit or X."))
    return _check_id_parts(number, today, field)


def _check_id_parts(number: str, today: date, field: str) -> Result[IdNumber]:
    if number[:2] not in PROVINCE_CODES:
        return fail(field, "area", N_("The ID number does not start with a valid region code."))
    if id_check_digit(number[:17]) != number[17]:
        return fail(field, "checksum", N_(
            "The ID number is not valid: please check every digit again."))
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return fail(field, "birth_date", N_("The birth date in the ID number is not a real date."))
    if birth > today:
        return fail(field, "birth_future", N_("The birth date in the ID number is in the future."))
    if today.year - birth.year > MAX_AGE_YEARS:
        return fail(field, "birth_too_old", N_("The birth date in the ID number is too long ago."))
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return Ok(IdNumber(number, birth, sex))


def validate_mobile(raw: str, field: str = "phone") -> Result[str]:
    """Mainland mobile: 11 digits starting 1[3-9]; +86 / 0086 and separators accepted."""
    digits = _SEPARATORS.sub("", normalise(raw))
    if not digits:
        return fail(field, "required", N_("Please enter a mobile phone number."))
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix) and len(digits) > len(prefix):
            digits = digits[len(prefix):]
            break
    if not re.fullmatch(r"[0-9]+", digits):
        return fail(field, "format", N_("A phone number contains digits only."))
    if len(digits) != 11:
        return fail(field, "mobile_length", N_(
            "A mobile number has 11 digits; you entered {count}."), count=len(digits))
    if not re.fullmatch(r"1[3-9][0-9]{9}", digits):
        return fail(field, "mobile_prefix", N_("A mobile number starts with 13 to 19."))
    return Ok(digits)


def validate_landline(raw: str, field: str = "phone") -> Result[str]:
    """Landline with area code, e.g. 0531-88886666 (optional extension after '-' or 'ext')."""
    match = _LANDLINE.fullmatch(normalise(raw))
    if not match:
        return fail(field, "landline", N_(
            "A landline number needs its area code, for example 0531-88886666."))
    area, head, tail, ext = match.groups()
    return Ok(f"{area}-{head}{tail}" + (f"-{ext}" if ext else ""))


def validate_phone(raw: str, field: str = "phone") -> Result[str]:
    """A mobile number, or a landline with its area code."""
    text = normalise(raw)
    bare = text.lstrip("( ")
    if bare.startswith("0") and not bare.startswith("00"):
        return validate_landline(text, field)
    return validate_mobile(text, field)


def validate_uscc(raw: str, field: str = "uscc") -> Result[str]:
    """统一社会信用代码 (18 characters with a check character)."""
    from stdnum.cn import uscc  # noqa: PLC0415 - stdnum is slow to import: employers only
    from stdnum.exceptions import ValidationError as StdnumError  # noqa: PLC0415

    code = uscc.compact(normalise(raw))
    if not code:
        return fail(field, "required", N_("Please enter the unified social credit code."))
    if len(code) != 18:
        return fail(field, "uscc_length", N_(
            "The unified social credit code has 18 characters; you entered {count}."),
            count=len(code))
    try:
        return Ok(str(uscc.validate(code)))
    except StdnumError:
        return fail(field, "uscc_invalid", N_(
            "The unified social credit code is not valid: please check it again."))


def validate_person_name(raw: str, field: str = "name") -> Result[str]:
    """A person's name: CJK or Latin letters, middle dots for minority names, 1–30 chars."""
    name = re.sub(r"\s+", " ", normalise(raw)).replace("•", "·").replace("・", "·")
    if not name:
        return fail(field, "required", N_("Please enter the name."))
    if len(name) > 30:
        return fail(field, "too_long", N_("The name is too long (at most 30 characters)."))
    if not all(_is_name_char(ch) for ch in name):
        return fail(field, "name_chars", N_(
            "A name contains letters or Chinese characters only, no digits or symbols."))
    return _printable(name, field)


def _is_name_char(ch: str) -> bool:
    return ch in " ·" or unicodedata.category(ch) in ("Lo", "Lu", "Ll")


def validate_text(raw: str, field: str, *, required: bool, max_len: int) -> Result[str]:
    """Free text: trimmed, no control characters, bounded length."""
    text = _without_controls(normalise(raw))
    if required and not text:
        return fail(field, "required", N_("This field is required."))
    if len(text) > max_len:
        return fail(field, "too_long", N_("Too long: at most {max} characters."), max=max_len)
    if glyphs.has_emoji(text):
        return fail(field, "emoji", N_("Emoji cannot be used here: please write it in words."))
    return _printable(text, field)


def _printable(text: str, field: str) -> Result[str]:
    """Refused now rather than printed as a box or dropped from a PDF later."""
    missing = glyphs.undrawable(text)
    if missing:
        return fail(field, "undrawable", N_(
            "These characters cannot be printed or shown yet: {chars}. Please ask staff."),
            chars=" ".join(missing))
    return Ok(text)


def _without_controls(text: str) -> str:
    """The text without control, format and unassigned characters; newlines stay."""
    if text.isprintable():  # nothing of category C in it: the common case, at C speed
        return text
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == "\n")


def validate_amount(raw: str, field: str = "pay_amount") -> Result[int]:
    """A money amount in yuan (up to 2 decimals) → cents; must be > 0."""
    text = normalise(raw).replace(",", "").replace("¥", "").replace("元", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return fail(field, "amount_format", N_("Please enter the amount as a number of yuan."))
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return fail(field, "amount_format", N_("Please enter the amount as a number of yuan."))
    if amount <= 0:
        return fail(field, "amount_positive", N_("The amount must be more than zero."))
    cents = int(amount * 100)
    if cents > MAX_PAY_CENTS:
        return fail(field, "amount_too_large", N_("The amount is too large."))
    return Ok(cents)


E = TypeVar("E", PayUnit, Settlement, SkillLevel)


def validate_choice(raw: str, enum: type[E], field: str) -> Result[E]:
    try:
        return Ok(enum(raw))
    except ValueError:
        return fail(field, "choice", N_("Please choose one of the options."))


def validate_headcount(raw: str | int, field: str = "headcount") -> Result[int]:
    """Number of people wanted: a whole number from 1 to 999."""
    text = normalise(str(raw))
    if not re.fullmatch(r"[0-9]+", text):
        return fail(field, "headcount_format", N_("Please enter how many people as a number."))
    count = int(text)
    if not 1 <= count <= MAX_HEADCOUNT:
        return fail(field, "headcount_range", N_(
            "The number of people must be between 1 and {max}."), max=MAX_HEADCOUNT)
    return Ok(count)


def validate_start_date(value: date | None, today: date, field: str = "start_date") -> Result[date]:
    """The start date of a new post: given, and not in the past."""
    if value is None:
        return fail(field, "required", N_("Please choose the start date."))
    if value < today:
        return fail(field, "date_past", N_("The start date cannot be in the past."))
    return Ok(value)


def validate_start_time(raw: str, field: str = "start_time") -> Result[str | None]:
    """An optional start time HH:MM (24 h)."""
    text = normalise(raw).replace("：", ":")
    if not text:
        return Ok(None)
    match = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", text)
    if not match:
        return fail(field, "time_format", N_("Please enter the time as HH:MM, for example 07:30."))
    return Ok(f"{int(match.group(1)):02d}:{match.group(2)}")


def collect_errors(*results: Result[object]) -> tuple[Err, ...]:
    return tuple(r for r in results if isinstance(r, Err))
