"""The English catalog: Vietnamese is the source language, English the translation.

The .po file is the source of truth; the .mo is compiled from it at set-up by
`manage.py compile_catalogs` (pure Python, no gettext tools needed), so the compiled
catalog can never lag behind the text.
"""

import os
from pathlib import Path

from django.conf import settings

IGNORED = [".venv/*", "var/*", "node_modules/*", "test-artifacts/*", "static/vendor/*", "*/tests/*", "conftest.py"]


def catalog_paths() -> list[Path]:
    return sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))


def compile_catalogs() -> list[Path]:
    import polib

    written = []
    for po_path in catalog_paths():
        mo_path = po_path.with_suffix(".mo")
        # Written beside, then renamed over: a process reading the catalogue meanwhile
        # (the server, or another test worker) sees the old file or the new, never half.
        partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
        polib.pofile(str(po_path)).save_as_mofile(str(partial))
        os.replace(partial, mo_path)
        written.append(mo_path)
    return written
