from django.core.management.base import BaseCommand

from phoihop.organisations.units import load_units


class Command(BaseCommand):
    help = "Load the administrative units (2025 map and former provinces). Idempotent."

    def handle(self, *args, **options):
        counts = load_units()
        self.stdout.write(
            "Administrative units: {provinces} provinces, {communes} communes, "
            "{former} former units, {successions} successions created.".format(**counts)
        )
