"""A job kind that only sleeps, for the tests that start real job workers (`tests/jobs/test_workers.py`).

The workers run in other processes, so the kind is registered by an app those processes load
(`tests.jobs.worker_settings`), through the same table a test's `monkeypatch` would change.
"""
