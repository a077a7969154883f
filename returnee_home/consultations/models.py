"""Consultations."""
