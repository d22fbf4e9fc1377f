"""Fixtures for the events tests (make_* factories)."""
