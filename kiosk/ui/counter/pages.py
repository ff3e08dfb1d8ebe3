"""The workspace's tabs, in order: (name, module, class). Imported when staff sign in."""

from __future__ import annotations

import importlib

from kiosk.ui.counter.context import CounterContext, CounterPage

DISPATCH, POST, JOBS, DESK, HARDSHIP, COMPLAINTS, CASES, STATS, NOTICES, PRINTS = (
    "dispatch", "post", "jobs", "desk", "hardship", "complaints", "cases", "stats", "notices",
    "prints")
REVIEW = "review"  # 待审核: employers' own posts

PAGES: tuple[tuple[str, str, str], ...] = (
    (DISPATCH, "kiosk.ui.counter.dispatch_page", "DispatchPage"),
    (DESK, "kiosk.ui.counter.desk_page", "DeskPage"),
    (HARDSHIP, "kiosk.ui.counter.hardship_page", "HardshipPage"),
    (POST, "kiosk.ui.counter.post_page", "PostPage"),
    (REVIEW, "kiosk.ui.counter.review_page", "ReviewPage"),
    (JOBS, "kiosk.ui.counter.jobs_page", "JobsPage"),
    (COMPLAINTS, "kiosk.ui.counter.complaints_page", "ComplaintsPage"),
    (CASES, "kiosk.ui.counter.cases_page", "CasesPage"),
    (STATS, "kiosk.ui.counter.stats_page", "StatsPage"),
    (NOTICES, "kiosk.ui.counter.notices_page", "NoticesPage"),
    (PRINTS, "kiosk.ui.counter.prints_page", "PrintsPage"),
)


def build_pages(ctx: CounterContext) -> dict[str, CounterPage]:
    pages: dict[str, CounterPage] = {}
    for name, module, cls in PAGES:
        page_class = getattr(importlib.import_module(module), cls)
        pages[name] = page_class(ctx)
    return pages
