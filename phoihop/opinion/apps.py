from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpinionConfig(AppConfig):
    name = "phoihop.opinion"
    label = "opinion"
    verbose_name = _("Dư luận xã hội")
