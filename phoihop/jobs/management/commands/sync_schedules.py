from django.core.management.base import BaseCommand

from phoihop.jobs.services import schedules_sync


class Command(BaseCommand):
    help = "Write the periodic jobs declared in phoihop/jobs/schedules.py to django-q2's schedules (idempotent)."

    def handle(self, *args, **options):
        result = schedules_sync()
        for label, names in (
            ("created", result.created),
            ("updated", result.updated),
            ("removed", result.removed),
            ("unchanged", result.unchanged),
        ):
            for name in names:
                self.stdout.write(f"{label}: {name}")
