"""Public services."""
