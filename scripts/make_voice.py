"""Generate the touchscreen's spoken prompts: one WAV per message and language.

    .venv/bin/python scripts/make_voice.py            # (re)record missing or changed prompts
    .venv/bin/python scripts/make_voice.py --force    # re-record all of them
    .venv/bin/python scripts/make_voice.py --check    # exit 1 if a prompt lacks its file

The messages are `PROMPTS` in kiosk/ui/voice.py (read from its source, so this script never
imports PySide6). zh_CN speaks the message's translation from the .po catalogue, en the
message itself. Files go to assets/voice/<language>/<key>.wav (key: the first 16 hex digits
of the message's SHA-256) as 16 kHz mono 16-bit WAV, and assets/voice/index.json records
which text each file speaks, so `--check` also notices a translation changed since.

Recording needs espeak-ng (`apt-get install espeak-ng`), a development tool only: the WAVs
are committed, and the kiosk itself never synthesises speech.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import math
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from pathlib import Path

from kiosk.core.i18n import LANGUAGES, translate

ROOT = Path(__file__).resolve().parent.parent
VOICE_MODULE = ROOT / "kiosk/ui/voice.py"
VOICE_DIR = ROOT / "assets/voice"
INDEX = VOICE_DIR / "index.json"

# espeak-ng voices. Not plain `cmn`: Debian's espeak-ng 1.51 reads many characters' pinyin
# (e.g. 你 → "ni3") with English rules when latin is spoken as English ("ni three");
# `cmn-latn-pinyin` reads them as Mandarin.
VOICES = {"zh_CN": "cmn-latn-pinyin", "en": "en"}
# espeak-ng -s (words per minute), slow for older listeners in a noisy hall. English at
# -s 120 comes out at about 140 wpm with its pauses (-s 140 is ~170); Mandarin at -s 140
# is about 3 syllables a second.
RATE_WPM = {"zh_CN": 140, "en": 120}
RATE_HZ = 16_000
LEAD_IN_S, TAIL_S = 0.06, 0.2  # silence kept before and after the speech
SILENCE = 300  # |sample| below this (of 32767) counts as silence when trimming
PEAK = 0.89  # normalise to about -1 dBFS: halls are loud
HALF_WIDTH = 16  # taps either side of the resampling filter
CUTOFF_HZ = 7_400  # below the 8 kHz Nyquist limit of the output


def prompts_and_key_length(source: Path = VOICE_MODULE) -> tuple[tuple[str, ...], int]:
    """`PROMPTS` and `KEY_LENGTH` from kiosk/ui/voice.py, read without importing it."""
    prompts: tuple[str, ...] | None = None
    key_length: int | None = None
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        value = node.value if isinstance(node, ast.AnnAssign | ast.Assign) else None
        if not isinstance(target, ast.Name) or value is None:
            continue
        if target.id == "KEY_LENGTH" and isinstance(value, ast.Constant) and isinstance(
                value.value, int):
            key_length = value.value
        elif target.id == "PROMPTS" and isinstance(value, ast.Tuple):
            prompts = tuple(_message(element) for element in value.elts)
    if prompts is None or key_length is None:
        raise SystemExit(f"{source}: PROMPTS or KEY_LENGTH not found")
    return prompts, key_length


def _message(node: ast.expr) -> str:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_":
        node = node.args[0]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise SystemExit(f"{VOICE_MODULE}: PROMPTS must hold only N_(\"…\") literals")


def key(msgid: str, length: int) -> str:
    return hashlib.sha256(msgid.encode("utf-8")).hexdigest()[:length]


def _letter(msgid: str) -> bool:
    return len(msgid) == 1 and msgid.isascii() and msgid.isupper()


def spoken_text(msgid: str, language: str) -> str:
    if language == "en":
        return msgid
    text = translate(msgid, language)
    if text == msgid and not _letter(msgid):  # a queue letter (A012) is said as itself
        raise SystemExit(f"no {language} translation for {msgid!r}: translate it first")
    return text


# -- recording ---------------------------------------------------------------------------
def espeak(text: str, voice: str, rate: int, out: Path) -> None:
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-b", "1", "-w", str(out),
                    "--stdin"], input=text.encode("utf-8"), check=True, capture_output=True)


def phonemes(text: str, voice: str) -> str:
    return subprocess.run(["espeak-ng", "-v", voice, "-b", "1", "-q", "-x", "--stdin"],
                          input=text.encode("utf-8"), check=True, capture_output=True
                          ).stdout.decode("utf-8", "replace")


def read_wav(path: Path) -> tuple[array[int], int]:
    with wave.open(str(path), "rb") as wav:
        if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
            raise SystemExit(f"{path}: espeak-ng wrote something other than mono 16-bit")
        samples = array("h", wav.readframes(wav.getnframes()))
        rate = wav.getframerate()
    if sys.byteorder == "big":
        samples.byteswap()
    return samples, rate


def trim(samples: array[int], rate: int) -> list[float]:
    loud = [i for i, s in enumerate(samples) if abs(s) >= SILENCE]
    if not loud:
        raise SystemExit("espeak-ng produced silence")
    start = max(0, loud[0] - int(LEAD_IN_S * rate))
    end = min(len(samples), loud[-1] + 1 + int(TAIL_S * rate))
    return [float(s) for s in samples[start:end]]


def resample(samples: list[float], rate_in: int, rate_out: int) -> list[float]:
    """Band-limited resampling (Blackman-windowed sinc), exact for rational rate ratios."""
    if rate_in == rate_out:
        return samples
    g = math.gcd(rate_in, rate_out)
    up, down = rate_out // g, rate_in // g  # output n sits at input position n * down / up
    fc = min(CUTOFF_HZ, 0.45 * min(rate_in, rate_out)) / rate_in  # cycles per input sample
    taps = range(-HALF_WIDTH + 1, HALF_WIDTH + 1)
    tables = []
    for phase in range(up):
        frac = phase / up
        row = [_kernel(j - frac, fc) for j in taps]
        total = sum(row)
        tables.append([v / total for v in row])  # unity gain at DC for every phase
    padded = [0.0] * HALF_WIDTH + samples + [0.0] * (HALF_WIDTH + 1)
    out = []
    for n in range(len(samples) * up // down):
        i, phase = divmod(n * down, up)
        window = padded[i + 1: i + 1 + 2 * HALF_WIDTH]  # input i-15 … i+16
        out.append(sum(map(float.__mul__, window, tables[phase])))
    return out


def _kernel(d: float, fc: float) -> float:
    if abs(d) >= HALF_WIDTH:
        return 0.0
    x = 2 * fc * d
    sinc = 1.0 if x == 0 else math.sin(math.pi * x) / (math.pi * x)
    w = 0.42 + 0.5 * math.cos(math.pi * d / HALF_WIDTH) + 0.08 * math.cos(
        2 * math.pi * d / HALF_WIDTH)
    return 2 * fc * sinc * w


def to_pcm(samples: list[float]) -> bytes:
    peak = max(abs(s) for s in samples)
    gain = PEAK * 32767 / peak
    pcm = array("h", (max(-32768, min(32767, round(s * gain))) for s in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    return pcm.tobytes()


def record(text: str, language: str) -> bytes:
    """`text` spoken by espeak-ng, as the bytes of a 16 kHz mono 16-bit WAV file."""
    voice = VOICES[language]
    if language == "zh_CN" and "(en)" in phonemes(text, voice):
        raise SystemExit(f"espeak-ng would read part of {text!r} as English")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.wav"
        espeak(text, voice, RATE_WPM[language], raw)
        samples, rate = read_wav(raw)
    pcm = to_pcm(resample(trim(samples, rate), rate, RATE_HZ))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE_HZ)
        wav.writeframes(pcm)
    return buffer.getvalue()


# -- the chime before a called number -----------------------------------------------------
CHIME = VOICE_DIR / "chime.wav"
CHIME_NOTES = ((659.25, 0.0), (523.25, 0.45))  # E5 then C5: ding-dong, 0.45 s apart
CHIME_S = 1.3


def chime() -> bytes:
    """A two-note ding-dong (sine tones with a bell-like decay) as a 16 kHz mono WAV."""
    frames = int(CHIME_S * RATE_HZ)
    samples = [0.0] * frames
    for freq, start in CHIME_NOTES:
        first = int(start * RATE_HZ)
        for i in range(frames - first):
            t = i / RATE_HZ
            tone = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(4 * math.pi * freq * t)
            samples[first + i] += tone * math.exp(-3.2 * t) * min(1.0, t / 0.005)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE_HZ)
        wav.writeframes(to_pcm(samples))
    return buffer.getvalue()


# -- the index and the two modes ---------------------------------------------------------
def load_index() -> dict[str, dict[str, str]]:
    """key → {"msgid": …, language: text spoken}"""
    if not INDEX.exists():
        return {}
    entries: dict[str, dict[str, str]] = json.loads(INDEX.read_text(encoding="utf-8"))["prompts"]
    return entries


def wanted() -> dict[str, dict[str, str]]:
    prompts, length = prompts_and_key_length()
    entries = {key(m, length): {"msgid": m} | {lang: spoken_text(m, lang) for lang in LANGUAGES}
               for m in prompts}
    if len(entries) != len(prompts):
        raise SystemExit("two prompts share a key: lengthen KEY_LENGTH")
    return entries


def check() -> int:
    entries, index = wanted(), load_index()
    problems = []
    for k, entry in entries.items():
        for language in LANGUAGES:
            if not (VOICE_DIR / language / f"{k}.wav").is_file():
                problems.append(f"missing: {language}/{k}.wav  {entry['msgid']!r}")
            elif index.get(k, {}).get(language) != entry[language]:
                problems.append(f"changed since recorded: {language}/{k}.wav  "
                                f"{entry[language]!r}")
    for language in LANGUAGES:
        for path in sorted((VOICE_DIR / language).glob("*.wav")):
            if path.stem not in entries:
                print(f"not a prompt any more (make_voice.py removes it): {language}/{path.name}")
    if not CHIME.is_file() or CHIME.read_bytes() != chime():
        problems.append(f"missing or changed: {CHIME.name}")
    for problem in problems:
        print(problem)
    print(f"{len(entries)} prompts × {len(LANGUAGES)} languages: "
          + ("all recorded" if not problems else f"{len(problems)} to (re)record"))
    return 1 if problems else 0


def generate(force: bool) -> int:
    if shutil.which("espeak-ng") is None:
        raise SystemExit("espeak-ng is missing: apt-get install espeak-ng")
    entries, index = wanted(), load_index()
    recorded = 0
    CHIME.write_bytes(chime())
    for language in LANGUAGES:
        folder = VOICE_DIR / language
        folder.mkdir(parents=True, exist_ok=True)
        for k, entry in entries.items():
            path = folder / f"{k}.wav"
            if force or not path.is_file() or index.get(k, {}).get(language) != entry[language]:
                path.write_bytes(record(entry[language], language))
                recorded += 1
                print(f"recorded {language}/{path.name}  {entry[language]}")
        for path in folder.glob("*.wav"):
            if path.stem not in entries:
                path.unlink()
                print(f"removed {language}/{path.name}")
    version = subprocess.run(["espeak-ng", "--version"], check=True, capture_output=True,
                             text=True).stdout.split("  ")[0].strip()
    INDEX.write_text(json.dumps({
        "generator": f"scripts/make_voice.py with {version}",
        "voices": VOICES, "rate_wpm": RATE_WPM, "sample_rate": RATE_HZ,
        "prompts": dict(sorted(entries.items(), key=lambda item: item[1]["msgid"])),
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{recorded} recorded; {len(entries)} prompts × {len(LANGUAGES)} languages")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if a prompt lacks its file")
    mode.add_argument("--force", action="store_true", help="re-record every prompt")
    args = parser.parse_args(argv)
    return check() if args.check else generate(args.force)


if __name__ == "__main__":
    sys.exit(main())
