"""The terminal schema's migration names, known without importing sqlite-utils.

`kiosk.store.migrations` defines them; a test keeps the two lists equal. Opening an
up-to-date file reads `_sqlite_migrations` with plain SQL and never needs sqlite-utils.
"""

from __future__ import annotations

MIGRATION_SET = "kiosk"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' table
MIGRATION_NAMES = ("m001_initial", "m002_print_retry", "m003_staff_audit",
                   "m004_match_index", "m005_desk_index", "m006_worker_aliases",
                   "m007_outbox_entity_index", "m008_forget_acknowledged_id_numbers",
                   "m009_erasure_receipts", "m010_unverified_checkins",
                   "m011_complaint_casework", "m012_job_facts_and_lifecycle",
                   "m013_job_day_estimate", "m014_queue_calls",
                   "m015_city_content", "m016_hub_known_workers", "m017_training",
                   "m018_employer_self_posts", "m019_staff_calls", "m020_employer_licence",
                   "m021_arrivals_and_prefix", "m022_safety_and_insurance",
                   "m023_course_cancels")
