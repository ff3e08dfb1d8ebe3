"""What the city publishes for the touchscreen: its notices (beside the hall's own) and the
policy pages (明白纸), read from the signed assets the sync agent kept; a page prints."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.core.city_content import (
    CITY_NOTICES,
    POLICY_PAGES,
    PolicyPage,
    district_code,
    notices_from_data,
    pages_from_data,
    shipped_pages_data,
)
from kiosk.core.codec import iso_utc
from kiosk.core.errors import Ok, Result
from kiosk.services.base import HallBase, not_found
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from kiosk.store.sync_state import stored_asset

log = logging.getLogger(__name__)
POLICY_ENTITY = "policy_page"  # a print job's ref_entity: ref_id is the page id


@dataclass(frozen=True, slots=True)
class ShownNotice:
    text_zh: str
    text_en: str
    priority: int
    city: bool  # 市里通知: published by the city, not typed at this hall

    def text(self, language: str) -> str:
        return self.text_en if language == "en" and self.text_en else self.text_zh


def policy_pages_of(store: Store) -> tuple[PolicyPage, ...]:
    """The city's last published pages, or the set shipped with the kiosk."""
    kept = stored_asset(store, POLICY_PAGES)
    if kept is not None:
        try:
            return pages_from_data(kept["data"])
        except ValueError:
            log.warning("the kept policy pages cannot be read; showing the shipped ones")
    return pages_from_data(shipped_pages_data())


class CityContentCases(HallBase):
    def notices_today(self) -> tuple[ShownNotice, ...]:
        """The hall's own notices and the city's for this hall's district, by priority."""
        today = self.today()
        own = [ShownNotice(n.text_zh, n.text_en, n.priority, city=False)
               for n in self.store.notices.where(
                   "starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)",
                   [today.isoformat(), today.isoformat()], order_by="priority DESC, created_at")]
        city: list[ShownNotice] = []
        kept = stored_asset(self.store, CITY_NOTICES)
        if kept is not None:
            district = district_code(self.settings.hall_id)
            try:
                city = [ShownNotice(n.text_zh, n.text_en, n.priority, city=True)
                        for n in notices_from_data(kept["data"]) if n.shown_at(district, today)]
            except ValueError:
                log.warning("the kept city notices cannot be read")
        return tuple(sorted((*city, *own), key=lambda n: -n.priority))

    def policy_pages(self) -> tuple[PolicyPage, ...]:
        return policy_pages_of(self.store)

    def print_policy_page(self, page_id: str) -> Result[str]:
        """Queue a policy page as a ticket; the print job's id."""
        if all(page.id != page_id for page in self.policy_pages()):
            return not_found("page_id")
        with self.store.write() as tx:
            tx.changed.add("print_jobs")
            job_id = self.store.print_queue.enqueue(PrintKind.POLICY, POLICY_ENTITY, page_id,
                                                    iso_utc(self.now()))
        return Ok(job_id)
