"""Vietnamese first, English complete: every string the interface shows has a translation."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from phoihop.core.i18n import IGNORED


def test_english_catalog_translates_every_string_of_the_interface(tmp_path, monkeypatch):
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is needed to extract messages; `make test` installs it")
    base = Path(settings.BASE_DIR)
    shutil.copytree(base / "locale", tmp_path / "locale")
    monkeypatch.setattr(settings, "LOCALE_PATHS", [tmp_path / "locale"])
    monkeypatch.chdir(base)
    call_command("makemessages", locale=["en"], ignore_patterns=IGNORED, no_obsolete=True, verbosity=0)
    catalog = polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not missing, f"untranslated (run `make messages` and translate): {missing[:20]}"
    assert not fuzzy, f"fuzzy translations to review: {fuzzy[:20]}"


def test_placeholders_survive_translation():
    catalog = polib.pofile(os.path.join(settings.BASE_DIR, "locale", "en", "LC_MESSAGES", "django.po"))
    import re

    placeholder = re.compile(r"%\(\w+\)s|%s|%d")
    for entry in catalog.translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            assert sorted(placeholder.findall(form)) == expected, entry.msgid
