from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisionsConfig(AppConfig):
    name = "phoihop.provisions"
    label = "provisions"
    verbose_name = _("Cung cấp thông tin")
