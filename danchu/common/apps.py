from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "danchu.common"
    label = "common"
