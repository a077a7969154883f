"""Models of the $app app."""
