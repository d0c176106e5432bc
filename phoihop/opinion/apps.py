from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionConfig(AppConfig):
    name = "phoihop.opinion"
    label = "opinion"
    verbose_name = _("Dư luận xã hội")

    def ready(self):
        from django.db.models.signals import post_migrate

        from phoihop.opinion.taxonomy import ensure_defaults_after_migrate

        # After every migrate, and after a test database flush (which sends post_migrate),
        # the default topics and tags are there again.
        post_migrate.connect(ensure_defaults_after_migrate, sender=self, dispatch_uid="opinion-default-taxonomy")
