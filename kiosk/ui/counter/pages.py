"""The workspace's pages, in order: (name, module, class), in groups. Imported when staff
sign in."""

from __future__ import annotations

import importlib

from kiosk.ui.counter.context import CounterContext, CounterPage

DISPATCH, POST, JOBS, DESK, HARDSHIP, COMPLAINTS, CASES, STATS, NOTICES, PRINTS = (
    "dispatch", "post", "jobs", "desk", "hardship", "complaints", "cases", "stats", "notices",
    "prints")
TRAINING = "training"
REVIEW = "review"  # 待审核: employers' own posts

PAGES: tuple[tuple[str, str, str], ...] = (
    (DISPATCH, "kiosk.ui.counter.dispatch_page", "DispatchPage"),
    (DESK, "kiosk.ui.counter.desk_page", "DeskPage"),
    (HARDSHIP, "kiosk.ui.counter.hardship_page", "HardshipPage"),
    (TRAINING, "kiosk.ui.counter.training_page", "TrainingPage"),
    (POST, "kiosk.ui.counter.post_page", "PostPage"),
    (REVIEW, "kiosk.ui.counter.review_page", "ReviewPage"),
    (JOBS, "kiosk.ui.counter.jobs_page", "JobsPage"),
    (COMPLAINTS, "kiosk.ui.counter.complaints_page", "ComplaintsPage"),
    (CASES, "kiosk.ui.counter.cases_page", "CasesPage"),
    (STATS, "kiosk.ui.counter.stats_page", "StatsPage"),
    (NOTICES, "kiosk.ui.counter.notices_page", "NoticesPage"),
    (PRINTS, "kiosk.ui.counter.prints_page", "PrintsPage"),
)


# Pages that serve one kind of work stand together in the side column, a rule between
# groups: people at the desk, jobs, disputes, then the hall's own business.
GROUPS: dict[str, str] = {
    DISPATCH: "people", DESK: "people", HARDSHIP: "people", TRAINING: "people",
    POST: "jobs", REVIEW: "jobs", JOBS: "jobs",
    COMPLAINTS: "disputes", CASES: "disputes",
    STATS: "hall", NOTICES: "hall", PRINTS: "hall",
}


def group_of(name: str) -> str:
    """The group a page stands in (a page not listed stands alone, last)."""
    return GROUPS.get(name, name)


def build_pages(ctx: CounterContext) -> dict[str, CounterPage]:
    pages: dict[str, CounterPage] = {}
    for name, module, cls in PAGES:
        page_class = getattr(importlib.import_module(module), cls)
        pages[name] = page_class(ctx)
    return pages
