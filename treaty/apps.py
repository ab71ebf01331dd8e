from django.apps import AppConfig


class TreatyConfig(AppConfig):
    name = "treaty"
