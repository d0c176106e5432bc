from django.core.management.base import BaseCommand

from phoihop.organisations.services import reorganizations_carry_due


class Command(BaseCommand):
    help = "Move the open work of organisations re-organised up to today to their successors (daily job)."

    def handle(self, *args, **options):
        totals = reorganizations_carry_due()
        self.stdout.write(", ".join(f"{key}: {count}" for key, count in totals.items()))
