"""Naming of Homes."""
