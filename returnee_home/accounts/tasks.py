"""Background work of the accounts app (thin: calls actions)."""

from celery import shared_task

from returnee_home.accounts.actions import purge_due_accounts


@shared_task(name="accounts.purge_deleted_accounts")
def purge_deleted_accounts() -> int:
    """Anonymise the accounts whose deletion grace period has ended (run daily)."""
    return purge_due_accounts()
