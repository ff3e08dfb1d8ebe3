"""The discrimination check on labelled corpora of realistic day-labour job posts.

`data/job_posts_labelled.jsonl` is the set the rules were developed on;
`data/job_posts_holdout.jsonl` and then `data/job_posts_fresh.jsonl` were written later, in
other wording, and measured before any rule was changed for them (the figures are in the
commits that added them); the rules were then fixed for the wording families they showed.
Each set must keep precision and recall of "the post is blocked" at 0.95 or more, and no
legitimate post may be blocked. Run with `-s` to see the confusion figures;
`scripts/post_check_eval.py --errors` lists every disagreement.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from kiosk.core.post_check import load_rules

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
LABELLED = DATA / "job_posts_labelled.jsonl"
HOLDOUT = DATA / "job_posts_holdout.jsonl"
FRESH = DATA / "job_posts_fresh.jsonl"
RULES = load_rules()


def _load_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "post_check_eval", ROOT / "scripts" / "post_check_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


EVAL = _load_eval()
CORPORA = [p for p in (LABELLED, HOLDOUT, FRESH) if p.exists()]
FLAGGED_FLOOR = 0.95  # precision and recall of "blocked" on each corpus
CATEGORY_FLOOR = 0.9  # precision and recall of each category that has 5 or more posts
WARNING_RECALL_FLOOR = 0.8


def posts(path: Path) -> list[object]:
    loaded: list[object] = EVAL.load_corpus(path)
    return loaded


def show(name: str, report: object) -> None:
    data = report.to_json(errors=True)  # type: ignore[attr-defined]
    print(f"\n{name}: {data['posts']} posts, {data['discriminatory']} discriminatory")
    print(f"  {'':22} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'recall':>6} {'f1':>6}")
    rows = [("flagged (block)", data["flagged"]), *data["categories"].items(),
            ("warnings", data["warnings"])]
    for label, n in rows:
        print(f"  {label:22} {n['tp']:4} {n['fp']:4} {n['fn']:4} {n['precision']:6.3f} "
              f"{n['recall']:6.3f} {n['f1']:6.3f}")
    for error in data["errors"]:
        print(f"  ! {error['id']} {error['text']} expected {error['expected']} "
              f"{error['expected_warn']} got {error['blocked']} {error['warned']}")


def test_labelled_corpus_is_big_balanced_and_covers_every_category() -> None:
    loaded = EVAL.load_corpus(LABELLED)
    assert len(loaded) >= 120
    share = sum(p.blocks for p in loaded) / len(loaded)
    assert 0.4 <= share <= 0.6
    assert len({p.id for p in loaded}) == len(loaded)
    per_category = Counter(c for p in loaded for c in p.categories)
    assert set(per_category) == set(EVAL.CATEGORIES)
    assert min(per_category.values()) >= 3, per_category


@pytest.mark.parametrize("path", [HOLDOUT, FRESH], ids=["holdout", "fresh"])
def test_later_corpora_are_big_balanced_and_new(path: Path) -> None:
    loaded = EVAL.load_corpus(path)
    assert len(loaded) >= 40
    assert 0.35 <= sum(p.blocks for p in loaded) / len(loaded) <= 0.65
    earlier = {(p.title, p.description) for other in CORPORA if other != path
               for p in EVAL.load_corpus(other)}
    assert not earlier & {(p.title, p.description) for p in loaded}


@pytest.mark.parametrize("joined", [False, True], ids=["fields", "joined"])
@pytest.mark.parametrize("path", CORPORA, ids=[p.stem for p in CORPORA])
def test_precision_and_recall_floors(path: Path, joined: bool) -> None:
    report = EVAL.evaluate(EVAL.load_corpus(path), RULES, joined=joined)
    show(f"{path.name} ({'joined' if joined else 'fields'})", report)
    assert report.flagged.precision >= FLAGGED_FLOOR
    assert report.flagged.recall >= FLAGGED_FLOOR
    for code, counts in report.categories.items():
        if counts.tp + counts.fn >= 5:
            assert counts.precision >= CATEGORY_FLOOR, code
            assert counts.recall >= CATEGORY_FLOOR, code
    assert report.warnings.recall >= WARNING_RECALL_FLOOR


LEGITIMATE = [p for path in CORPORA for p in EVAL.load_corpus(path) if not p.blocks]


@pytest.mark.parametrize("post", LEGITIMATE, ids=[p.id for p in LEGITIMATE])
def test_every_legitimate_post_passes_unblocked(post: object) -> None:
    for joined in (False, True):
        outcome = EVAL.run(post, RULES, joined=joined)
        assert not outcome.flagged, outcome.phrases


DISCRIMINATORY = [p for path in CORPORA for p in EVAL.load_corpus(path) if p.blocks]


@pytest.mark.parametrize("post", DISCRIMINATORY, ids=[p.id for p in DISCRIMINATORY])
def test_discriminatory_post_is_blocked_in_a_labelled_category(post: object) -> None:
    outcome = EVAL.run(post, RULES)
    assert outcome.blocked & post.categories, outcome.phrases  # type: ignore[attr-defined]
