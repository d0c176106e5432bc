from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phoihop.core"
    label = "core"
