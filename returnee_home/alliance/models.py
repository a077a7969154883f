"""Service alliance and suggestions."""
