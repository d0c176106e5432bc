from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "phoihop.demo"
    label = "demo"
    verbose_name = "Demo data"
