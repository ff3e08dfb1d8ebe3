"""How a called queue number is said: the recorded clips (prompts of kiosk.ui.voice) in
the order Mandarin or English reads them. No Qt here: the board composes a call without
loading QtMultimedia until it has something to say."""

from __future__ import annotations

DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def chinese_number(number: int) -> list[str]:
    """The clips of `number` read in Mandarin (1–9999): 12 → 十二, 105 → 一百零五,
    110 → 一百一十; anything else digit by digit."""
    if not 0 < number < 10_000:
        return [DIGITS[int(d)] for d in str(abs(number))]
    words: list[str] = []
    gap = False
    for value, unit in ((number // 1000 % 10, "thousand"), (number // 100 % 10, "hundred"),
                        (number // 10 % 10, "ten"), (number % 10, "")):
        if value == 0:
            gap = bool(words)
            continue
        if gap:
            words.append("zero")
            gap = False
        if not (unit == "ten" and value == 1 and not words):  # 十二, not 一十二
            words.append(DIGITS[value])
        if unit:
            words.append(unit)
    return words


def call_clips(number: int, window: str, language: str, prefix: str = "") -> list[str]:
    """What a called number is said with: 请 A 十二 号到 一 号窗口 / Number A one two,
    please come to window one. The terminal's letter (A–H) is said first, from its own
    clip; a window whose label is not a number is not said."""
    letter = [prefix] if prefix else []
    if language == "zh_CN":
        said = ["Number", *letter, *chinese_number(number)]
        if window.isdigit():
            said += ["please come to window", *chinese_number(int(window)), "counter window"]
        return said
    said = ["Number", *letter, *(DIGITS[int(d)] for d in str(number))]
    if window.isdigit():
        said += ["please come to window", *(DIGITS[int(d)] for d in window)]
    return said
