"""Background work of the jobs app (thin: calls actions)."""

from celery import shared_task
from django.utils import translation


@shared_task(name="jobs.run_import")
def run_import(import_id: int, language: str = "zh-hans") -> int:
    """Process a queued spreadsheet import; messages in the uploader's language."""
    from returnee_home.jobs.imports import import_run

    with translation.override(language):
        job = import_run(import_id)
    return job.error_count


@shared_task(name="jobs.expire_postings")
def expire_postings() -> int:
    """Mark postings past their closing date as expired (run daily)."""
    from returnee_home.jobs.actions import postings_expire

    return postings_expire()


@shared_task(name="jobs.saved_search_alerts")
def saved_search_alerts() -> int:
    """E-mail new results of saved searches, at most once a day per search (run daily)."""
    from returnee_home.jobs.saved import saved_search_alerts as send

    return send()
