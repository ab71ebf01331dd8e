from django.apps import AppConfig


class PagesConfig(AppConfig):
    """
    The top floor: the pages that compose the domain apps (home, search, sitemap index, robots.txt, healthz) and the
    commands that work on the whole site (backup, restore, seed). It may import every app of ours; none imports it.
    """

    name = "pages"
    verbose_name = "Site pages"
