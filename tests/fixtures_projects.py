"""Fixtures for the catalogue tests (make_* factories)."""
