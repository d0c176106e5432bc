from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotIssuesConfig(AppConfig):
    name = "phoihop.hotissues"
    label = "hotissues"
    verbose_name = _("Vấn đề nổi cộm")
