"""Background jobs of appointments (Celery beat runs them daily); thin wrappers of actions."""

from celery import shared_task

from returnee_home.appointments import actions


@shared_task(name="appointments.send_appointment_reminders")
def send_appointment_reminders() -> int:
    return actions.bookings_send_reminders()


@shared_task(name="appointments.generate_slots")
def generate_slots() -> int:
    return actions.slots_generate_all()
