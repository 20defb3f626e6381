"""Browser fixtures live in tests/browser_fixtures.py, loaded once for the whole suite (tests/conftest.py)."""
