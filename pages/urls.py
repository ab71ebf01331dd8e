from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from core.cache import cached_page
from core.languages import in_every_language

from . import views
from .sitemaps import sitemaps

app_name = "pages"

# The pages, in each language (/, /fr/, …); then the site-wide files, at the root only (one robots.txt and one sitemap
# index per site: the sitemap lists every language's addresses).
urlpatterns = [
    in_every_language(
        path("", views.home, name="home"),
        path("search/", views.search, name="search"),
    ),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        cached_page(sitemap_index),
        {"sitemaps": sitemaps(), "sitemap_url_name": "pages:sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", cached_page(sitemap, query=["p"]), {"sitemaps": sitemaps()}, name="sitemap-section"),
]
