"""Splitting the job list into screens: page order, optional one trade group per screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.catalogue import Catalogue
from kiosk.store.board import BoardJob


@dataclass(frozen=True, slots=True)
class Page:
    start: int  # into Pagination.jobs
    stop: int
    group: str | None  # the sector code when grouping by sector
    group_count: int  # jobs in that group (all jobs when not grouping)


@dataclass(frozen=True, slots=True)
class Pagination:
    jobs: tuple[BoardJob, ...]  # in display order
    pages: tuple[Page, ...]
    per_page: int

    def __len__(self) -> int:
        return len(self.pages)

    def page_jobs(self, index: int) -> tuple[BoardJob, ...]:
        page = self.pages[index]
        return self.jobs[page.start:page.stop]

    def page_of(self, job_id: str) -> int | None:
        for index, page in enumerate(self.pages):
            if any(j.id == job_id for j in self.jobs[page.start:page.stop]):
                return index
        return None


def paginate(jobs: Sequence[BoardJob], per_page: int, *, catalogue: Catalogue | None = None,
             group_by_sector: bool = False) -> Pagination:
    """Pages of `per_page` jobs in the given order; with grouping, no page mixes sectors.

    Groups follow the catalogue's sector order; within a group the given order is kept.
    """
    per_page = max(1, per_page)
    if not group_by_sector or catalogue is None:
        ordered = tuple(jobs)
        total = len(ordered)
        pages = tuple(Page(start, min(start + per_page, total), None, total)
                      for start in range(0, total, per_page))
        return Pagination(ordered, pages, per_page)
    sector_of = {t.code: t.sector for t in catalogue.trades}
    rank = {s.code: i for i, s in enumerate(catalogue.sectors)}
    groups: dict[str, list[BoardJob]] = {}
    for job in jobs:
        groups.setdefault(sector_of.get(job.trade, "others"), []).append(job)
    ordered_list: list[BoardJob] = []
    grouped_pages: list[Page] = []
    for sector in sorted(groups, key=lambda code: (rank.get(code, len(rank)), code)):
        members = groups[sector]
        base = len(ordered_list)
        ordered_list.extend(members)
        grouped_pages.extend(
            Page(base + start, base + min(start + per_page, len(members)), sector, len(members))
            for start in range(0, len(members), per_page))
    return Pagination(tuple(ordered_list), tuple(grouped_pages), per_page)
