"""Precision and recall of the job-post discrimination check on a labelled corpus.

    .venv/bin/python scripts/post_check_eval.py                      # the shipped corpora
    .venv/bin/python scripts/post_check_eval.py tests/core/data/job_posts_holdout.jsonl
    .venv/bin/python scripts/post_check_eval.py --joined --errors FILE.jsonl

Each corpus line is one post: `{"id", "title", "description", "label": "block"|"pass",
"categories": [codes that must block], "warn": [codes expected as warnings], "note"?}`.
A post is checked the way `Services.post_job` checks it (title and description each on its
own; `--joined` checks "title。description" as one text, the way `kiosk check-post --text`
would see a pasted post). The output is JSON: for "flagged" (any blocking hit) and for
each category, the counts (tp, fp, fn), precision, recall and F1; warnings the same way;
with `--errors`, every post where the check and the label disagree.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from kiosk.core.post_check import PostRules, check_post, load_rules  # noqa: E402

DATA = ROOT / "tests" / "core" / "data"
CORPORA = (DATA / "job_posts_labelled.jsonl", DATA / "job_posts_holdout.jsonl",
           DATA / "job_posts_fresh.jsonl")
CATEGORIES = ("gender", "age", "ethnicity", "region_hukou", "religion",
              "marital_childbearing", "health", "disability", "appearance")


@dataclass(frozen=True, slots=True)
class Post:
    id: str
    title: str
    description: str
    blocks: bool
    categories: frozenset[str]
    warn: frozenset[str]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    post: Post
    blocked: frozenset[str]  # categories with a blocking hit
    warned: frozenset[str]  # categories with only warnings
    phrases: tuple[str, ...]  # "category/severity:phrase" of every hit

    @property
    def flagged(self) -> bool:
        return bool(self.blocked)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: bool, found: bool) -> None:
        self.tp += expected and found
        self.fp += found and not expected
        self.fn += expected and not found

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3)}


@dataclass(slots=True)
class Report:
    posts: int = 0
    discriminatory: int = 0
    flagged: Counts = field(default_factory=Counts)
    categories: dict[str, Counts] = field(
        default_factory=lambda: {c: Counts() for c in CATEGORIES})
    warnings: Counts = field(default_factory=Counts)
    errors: list[Outcome] = field(default_factory=list)

    def to_json(self, *, errors: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "posts": self.posts, "discriminatory": self.discriminatory,
            "flagged": self.flagged.to_json(),
            "categories": {c: n.to_json() for c, n in self.categories.items()},
            "warnings": self.warnings.to_json()}
        if errors:
            data["errors"] = [{
                "id": o.post.id, "text": f"{o.post.title}｜{o.post.description}",
                "expected": sorted(o.post.categories), "blocked": sorted(o.blocked),
                "expected_warn": sorted(o.post.warn), "warned": sorted(o.warned),
                "hits": list(o.phrases)} for o in self.errors]
        return data


def load_corpus(path: Path) -> list[Post]:
    posts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row: Mapping[str, Any] = json.loads(line)
        label = row["label"]
        if label not in ("block", "pass"):
            raise ValueError(f"{path.name}:{number}: label must be block or pass")
        categories = frozenset(row.get("categories", ()))
        if (label == "block") != bool(categories) or not categories <= set(CATEGORIES):
            raise ValueError(f"{path.name}:{number}: categories do not fit the label")
        posts.append(Post(id=row["id"], title=row["title"], description=row["description"],
                          blocks=label == "block", categories=categories,
                          warn=frozenset(row.get("warn", ())), note=row.get("note", "")))
    return posts


def run(post: Post, rules: PostRules, *, joined: bool = False) -> Outcome:
    texts = [f"{post.title}。{post.description}"] if joined else [post.title, post.description]
    hits = [h for text in texts for h in check_post(text, rules).hits]
    blocked = frozenset(h.code for h in hits if h.severity == "block")
    warned = frozenset(h.code for h in hits if h.severity == "warn") - blocked
    return Outcome(post, blocked, warned,
                   tuple(f"{h.code}/{h.severity}:{h.phrase}" for h in hits))


def evaluate(posts: Iterable[Post], rules: PostRules, *, joined: bool = False) -> Report:
    report = Report()
    for post in posts:
        outcome = run(post, rules, joined=joined)
        report.posts += 1
        report.discriminatory += post.blocks
        report.flagged.add(post.blocks, outcome.flagged)
        for code, counts in report.categories.items():
            counts.add(code in post.categories, code in outcome.blocked)
        for code in CATEGORIES:
            report.warnings.add(code in post.warn, code in outcome.warned)
        if (outcome.blocked != post.categories or outcome.warned != post.warn
                or outcome.flagged != post.blocks):
            report.errors.append(outcome)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, help="JSONL files (default: all three)")
    parser.add_argument("--joined", action="store_true",
                        help="check title and description as one text")
    parser.add_argument("--errors", action="store_true", help="list the disagreements")
    args = parser.parse_args(argv)
    rules = load_rules()
    out = {}
    for path in args.corpus or [p for p in CORPORA if p.exists()]:
        report = evaluate(load_corpus(path), rules, joined=args.joined)
        out[path.name] = report.to_json(errors=args.errors)
    json.dump({"rules_version": rules.version, "joined": args.joined, "corpora": out},
              sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
