"""Offline handwriting recognition: Zinnia (Debian `libzinnia0`) with Tegaki's Simplified
Chinese model (Debian `tegaki-zinnia-simplified-chinese`), through ctypes.

    recogniser = open_recogniser()
    if isinstance(recogniser, Unavailable): ...  # recogniser.reason: a catalogue message
    recogniser.classify(strokes, limit=40)        # [Guess("王", 0.61), …], best first

Strokes are in drawing order, each a sequence of (x, y) points in pad coordinates (y
down); they are normalised into the model's 1000×1000 box first (`core.handwriting`).
Zinnia is an SVM over stroke directions: it is sensitive to stroke order and count, as
people taught to write are too. A missing library or model is a value (`Unavailable`),
never an exception: the pad is then hidden, with the reason.
"""

from __future__ import annotations

import ctypes
import functools
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import N_
from kiosk.core.handwriting import BOX, Guess, Stroke, normalise
from kiosk.system.config import Config
from kiosk.system.findings import Finding, Status

LIBRARY_ENV = "KIOSK_ZINNIA_LIBRARY"
MODEL_ENV = "KIOSK_HANDWRITING_MODEL"
LIBRARY_NAMES = ("libzinnia.so.0", "libzinnia.so")
MODEL_PATH = Path("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
LIBRARY_PACKAGE = "libzinnia0"
MODEL_PACKAGE = "tegaki-zinnia-simplified-chinese"

_P = ctypes.c_void_p
_SIGNATURES: dict[str, tuple[list[type], type | None]] = {
    "zinnia_recognizer_new": ([], _P),
    "zinnia_recognizer_open": ([_P, ctypes.c_char_p], ctypes.c_int),
    "zinnia_recognizer_destroy": ([_P], None),
    "zinnia_recognizer_classify": ([_P, _P, ctypes.c_size_t], _P),
    "zinnia_character_new": ([], _P),
    "zinnia_character_destroy": ([_P], None),
    "zinnia_character_set_width": ([_P, ctypes.c_size_t], None),
    "zinnia_character_set_height": ([_P, ctypes.c_size_t], None),
    "zinnia_character_add": ([_P, ctypes.c_size_t, ctypes.c_int, ctypes.c_int], ctypes.c_int),
    "zinnia_result_value": ([_P, ctypes.c_size_t], ctypes.c_char_p),
    "zinnia_result_score": ([_P, ctypes.c_size_t], ctypes.c_float),
    "zinnia_result_size": ([_P], ctypes.c_size_t),
    "zinnia_result_destroy": ([_P], None),
}


@dataclass(frozen=True, slots=True)
class Unavailable:
    """Why handwriting cannot be offered: `reason` is a catalogue message, `params` fill
    it; `detail` is for the log and the doctor (English, no personal data)."""

    reason: str
    params: dict[str, str]
    detail: str


class Recogniser:
    """One opened model. `classify` may be called from any thread (one at a time)."""

    def __init__(self, lib: ctypes.CDLL, handle: int, model: Path) -> None:
        self._lib = lib
        self._handle = handle
        self.model = model
        self._lock = threading.Lock()

    def classify(self, strokes: list[Stroke], limit: int = 40) -> list[Guess]:
        """The `limit` likeliest characters for `strokes`, best first ([] for none)."""
        boxed = normalise(strokes)
        if not boxed or limit <= 0:
            return []
        lib = self._lib
        with self._lock:
            character = lib.zinnia_character_new()
            try:
                lib.zinnia_character_set_width(character, BOX)
                lib.zinnia_character_set_height(character, BOX)
                for number, stroke in enumerate(boxed):
                    for x, y in stroke:
                        lib.zinnia_character_add(character, number, x, y)
                result = lib.zinnia_recognizer_classify(self._handle, character, limit)
            finally:
                lib.zinnia_character_destroy(character)
            if not result:
                return []
            try:
                return [Guess(lib.zinnia_result_value(result, i).decode("utf-8", "replace"),
                              float(lib.zinnia_result_score(result, i)))
                        for i in range(lib.zinnia_result_size(result))]
            finally:
                lib.zinnia_result_destroy(result)


def _library() -> ctypes.CDLL | Unavailable:
    override = os.environ.get(LIBRARY_ENV)
    names = (override,) if override else LIBRARY_NAMES
    errors = []
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError as exc:
            errors.append(str(exc))
            continue
        try:
            for function, (args, result) in _SIGNATURES.items():
                symbol = getattr(lib, function)
                symbol.argtypes, symbol.restype = args, result
        except AttributeError as exc:
            errors.append(str(exc))
            continue
        return lib
    return Unavailable(N_("Handwriting is not available: the recogniser ({package}) is not "
                          "installed."), {"package": LIBRARY_PACKAGE}, "; ".join(errors))


def model_path() -> Path:
    override = os.environ.get(MODEL_ENV)
    return Path(override) if override else MODEL_PATH


def open_recogniser() -> Recogniser | Unavailable:
    """The recogniser with its model, or why not (library or model missing or unreadable)."""
    lib = _library()
    if isinstance(lib, Unavailable):
        return lib
    model = model_path()
    if not model.is_file():
        return Unavailable(N_("Handwriting is not available: its model ({package}) is not "
                              "installed."), {"package": MODEL_PACKAGE}, f"no file {model}")
    handle = lib.zinnia_recognizer_new()
    if not handle or not lib.zinnia_recognizer_open(handle, os.fsencode(model)):
        if handle:
            lib.zinnia_recognizer_destroy(handle)
        return Unavailable(N_("Handwriting is not available: its model ({package}) cannot "
                              "be read."), {"package": MODEL_PACKAGE}, f"cannot open {model}")
    return Recogniser(lib, handle, model)


@functools.cache
def shared_recogniser() -> Recogniser | Unavailable:
    """One recogniser per process (the model is mapped once, 26 MB)."""
    return open_recogniser()


def handwriting_findings(config: Config | None) -> list[Finding]:
    """`kiosk doctor` on a touchscreen: whether the name step can offer handwriting."""
    if config is None or "terminal" not in config.roles:
        return []
    opened = open_recogniser()
    if isinstance(opened, Unavailable):
        return [Finding("handwriting", Status.WARN, N_(
            "Handwritten names are off ({detail}): install {package}. Pinyin still works."),
            {"detail": opened.detail, "package": opened.params["package"]})]
    return [Finding("handwriting", Status.OK, N_(
        "Handwritten names: the recogniser and its model {model} load."),
        {"model": str(opened.model)})]
