"""Talent profiles and their overseas education."""
