import gc

from phoihop.core.runtime import settle


def test_the_server_freezes_its_long_lived_objects_at_start_up():
    """config/wsgi.py settles the heap: what is alive after start-up is frozen, so full
    collections no longer walk it (the task list's p95 was twice its median before)."""
    try:
        frozen = settle()
        assert frozen > 10_000 and gc.get_freeze_count() > 10_000
        assert not any(obj is settle for obj in gc.get_objects())  # frozen objects are no longer tracked
    finally:
        gc.unfreeze()


def test_wsgi_settles_the_heap():
    import importlib
    import sys

    try:
        sys.modules.pop("config.wsgi", None)  # executed afresh, as when a server starts
        importlib.import_module("config.wsgi")
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
