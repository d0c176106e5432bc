from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """Every documents test stores its files in a fresh folder, to count what is left."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
