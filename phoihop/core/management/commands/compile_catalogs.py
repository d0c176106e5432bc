from django.core.management.base import BaseCommand

from phoihop.core.i18n import compile_catalogs


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo with polib (no gettext tools needed)."

    def handle(self, *args, **options):
        for path in compile_catalogs():
            self.stdout.write(f"compiled {path}")
