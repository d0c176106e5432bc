from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "phoihop.meetings"
    label = "meetings"
    verbose_name = _("Hội nghị, giao ban")
