import functools

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

# The main navigation: (label, URL name, the views it is the current section for; "app:" stands for a whole app).
NAVIGATION = (
    ("Home", "core:home", {"core:home"}),
    ("Ottawa Process", "timeline:ottawa-process", {"timeline:ottawa-process"}),
    ("Timeline", "timeline:event-list", {"timeline:event-list"}),
    ("Anniversaries", "timeline:anniversary-list", {"timeline:anniversary-list", "timeline:anniversary-detail"}),
    ("States", "treaty:state-list", {"treaty:"}),
)


@functools.cache
def chrome_addresses(script_prefix, urlconf):
    """The addresses every page's chrome links to, reversed once per process for each script prefix and URLconf
    (what `reverse` reads): reversing them on each render cost a third of a millisecond."""
    names = {name for _, name, _ in NAVIGATION} | {"core:search", "timeline:feed"}
    return {name: reverse(name) for name in names}


def site(request):
    """What every page's chrome needs: the site's name, its canonical address, the default share image, and the
    main navigation with the current section marked."""
    base = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
    addresses = chrome_addresses(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    match = request.resolver_match
    here = {match.view_name, f"{match.app_name}:"} if match else set()
    return {
        "site_name": settings.SITE_NAME,
        "canonical_url": base + request.path,
        "share_image_url": base + static("img/og-default.png"),
        "home_url": addresses["core:home"],
        "search_url": addresses["core:search"],
        "feed_url": addresses["timeline:feed"],
        "navigation": [(label, addresses[name], not here.isdisjoint(views)) for label, name, views in NAVIGATION],
    }
