from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "danchu.demo"
    label = "demo"
    verbose_name = "Demo and scale data"
