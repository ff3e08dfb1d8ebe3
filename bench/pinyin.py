"""Latency of the pinyin name keypad's engine, against a bare dict look-up in the same run.

    .venv/bin/python bench/pinyin.py [--rounds 20]

Loading: `PinyinIndex.load()` from the shipped JSON (cold: a fresh index each time,
reading and parsing the file), against `json.loads` of the same text alone.

Suggest: one `suggest(prefix, position)` call (12 candidates) for every prefix of every
syllable, at positions 0 and 1, plus one `next_letters(prefix)`, as a keypad does after each
tap. The baseline is a lookup of the same prefix in a plain dict of tuples built from the
index's answers, sliced to 12 into a list: the least a keypad could do per tap. The two are
interleaved, one call each in turn, so that CPU drift hits both alike.

Prints one JSON object. It asserts nothing: it is a measurement tool.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.core.pinyin_input import DATA_FILE, PinyinIndex, spellings

TARGET_SUGGEST_P95_MS = 1.0
TARGET_LOAD_MS = 150.0


def summary(samples_ns: list[int]) -> dict[str, float]:
    cuts = statistics.quantiles(samples_ns, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(samples_ns) / 1e6, 5),
            "p95_ms": round(cuts[94] / 1e6, 5)}


def prefixes(index: PinyinIndex) -> list[str]:
    return sorted({s[:end] for syllable in index.syllables for s in spellings(syllable)
                   for end in range(1, len(s) + 1)})


def bench_load(rounds: int) -> tuple[dict[str, object], float]:
    text = resources.files("kiosk_assets").joinpath(DATA_FILE).read_text("utf-8")
    load_ns: list[int] = []
    parse_ns: list[int] = []
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter_ns()
        data = resources.files("kiosk_assets").joinpath(DATA_FILE).read_text("utf-8")
        PinyinIndex(json.loads(data))
        load_ns.append(time.perf_counter_ns() - started)
        started = time.perf_counter_ns()
        json.loads(text)
        parse_ns.append(time.perf_counter_ns() - started)
    load, parse = summary(load_ns), summary(parse_ns)
    return {"load": load, "json_parse_baseline": parse,
            "bytes": len(text.encode("utf-8")),
            "ratio_p50": round(load["p50_ms"] / parse["p50_ms"], 2)}, load["p50_ms"]


def bench_suggest(index: PinyinIndex, rounds: int) -> tuple[dict[str, object], float]:
    keys = prefixes(index)
    table = {(p, pos): tuple(index.suggest(p, pos, limit=10_000)) for p in keys for pos in (0, 1)}
    engine_ns: list[int] = []
    baseline_ns: list[int] = []
    gc.collect()
    for _ in range(rounds):
        for prefix in keys:
            for position in (0, 1):
                started = time.perf_counter_ns()
                index.suggest(prefix, position)
                index.next_letters(prefix)
                engine_ns.append(time.perf_counter_ns() - started)
                started = time.perf_counter_ns()
                list(table[prefix, position][:12])
                baseline_ns.append(time.perf_counter_ns() - started)
    engine, baseline = summary(engine_ns), summary(baseline_ns)
    return {"prefixes": len(keys), "calls": len(engine_ns),
            "suggest_and_next_letters": engine, "dict_lookup_baseline": baseline,
            "ratio_p50": round(engine["p50_ms"] / baseline["p50_ms"], 2),
            "ratio_p95": round(engine["p95_ms"] / baseline["p95_ms"], 2)}, engine["p95_ms"]


def run(rounds: int) -> dict[str, object]:
    load, load_ms = bench_load(max(rounds // 2, 3))
    suggest, suggest_p95 = bench_suggest(PinyinIndex.load(), rounds)
    return {
        "load": load,
        "suggest": suggest,
        "target_load_ms": TARGET_LOAD_MS,
        "target_suggest_p95_ms": TARGET_SUGGEST_P95_MS,
        "meets_target": load_ms <= TARGET_LOAD_MS and suggest_p95 <= TARGET_SUGGEST_P95_MS,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=20, help="passes over all prefixes")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    print(json.dumps(run(args.rounds)))


if __name__ == "__main__":
    main()
