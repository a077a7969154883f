"""Benchmarks run by `make bench` (see README.md in this folder)."""
