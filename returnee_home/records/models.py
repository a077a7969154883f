"""Service records and ratings."""
