import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Long-lived objects out of the garbage collector's way (see phoihop/core/runtime.py).
from phoihop.core.runtime import settle  # noqa: E402 — Django must be set up first

settle()
