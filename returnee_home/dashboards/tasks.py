"""Background work of the dashboards: the monthly reports, on the 1st of each month."""

from celery import shared_task


@shared_task(name="dashboards.generate_monthly_reports")
def generate_monthly_reports() -> int:
    from returnee_home.dashboards.reports import monthly_reports_generate

    return len(monthly_reports_generate())
