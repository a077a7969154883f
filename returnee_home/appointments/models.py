"""Appointments and check-in."""
