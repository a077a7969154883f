"""Tests outside the apps: browser journeys (e2e)."""
