"""The benchmark behind `make bench` (issue 3, item 7): a synthetic data set and a harness
that measures the task list page, the programme page and the task API list.

    python -m bench.generate --scale 0.01     # fill the database DATABASE_URL names
    python -m bench.run --label SQLite ...    # measure it
    python -m bench.report ...                # the Markdown tables

`scripts/bench.sh` (`make bench`) runs all three on SQLite and on a throwaway PostgreSQL.
Nothing in `phoihop/` imports this package. Importing it sets Django up when that has not
happened yet, so the modules can import the models at the top and run as scripts.
"""

import os

import django
from django.apps import apps

if not apps.ready:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
