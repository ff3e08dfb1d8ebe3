"""The hall's use cases in one object, built once at start-up: what the screens and the CLI
call. Each area is its own module (workers, jobs, referrals, follow-up); `Services` joins them.
"""

from __future__ import annotations

from kiosk.services.casework import CaseworkCases
from kiosk.services.city_content import CityContentCases
from kiosk.services.city_workers import CityWorkerCases
from kiosk.services.followup import FollowUpCases
from kiosk.services.job_life import JobLifeCases
from kiosk.services.referrals import ReferralCases
from kiosk.services.safety import SafetyCases
from kiosk.services.self_posts import SelfPostCases
from kiosk.services.training import TrainingCases


class Services(CityWorkerCases, ReferralCases, FollowUpCases, CaseworkCases, SelfPostCases,
               JobLifeCases, CityContentCases, TrainingCases, SafetyCases):
    """Built once at start-up and passed to the screens and commands that need it."""
