"""Background work of events (thin: each task calls one action).

Beat schedule the deployment adds (config/settings CELERY_BEAT_SCHEDULE):
    "events-publish-scheduled": every 5 minutes  → events.publish_scheduled_events
    "events-expire-offers":     every 10 minutes → events.expire_waiting_list_offers
    "events-day-before":        daily at 09:00   → events.send_event_reminders
"""

from celery import shared_task

from returnee_home.events import actions


@shared_task(name="events.send_event_reminders")
def send_event_reminders() -> int:
    """Remind everyone confirmed for an event that starts tomorrow (notification + e-mail)."""
    return actions.send_reminders()


@shared_task(name="events.publish_scheduled_events")
def publish_scheduled_events() -> int:
    return actions.publish_due_events()


@shared_task(name="events.expire_waiting_list_offers")
def expire_waiting_list_offers() -> int:
    """Lapse offers past their deadline and offer the places to the next on the waiting list."""
    return actions.expire_offers()
