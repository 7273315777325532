"""Fixtures and snapshots of the editor tests."""
