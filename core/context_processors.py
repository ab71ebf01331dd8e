from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The main navigation: (label, URL name, the views it is the current section for; "app:" stands for a whole app).
NAVIGATION = (
    (_("Home"), "pages:home", {"pages:home"}),
    (_("Ottawa Process"), "timeline:ottawa-process", {"timeline:ottawa-process"}),
    (_("Timeline"), "timeline:event-list", {"timeline:event-list"}),
    (_("Meetings"), "meetings:meeting-list", {"meetings:"}),
    (_("Anniversaries"), "timeline:anniversary-list", {"timeline:anniversary-list", "timeline:anniversary-detail"}),
    (_("States"), "treaty:state-list", {"treaty:"}),
    (_("Obligations"), "obligations:clearance", {"obligations:"}),
)


def current_section(request):
    """The label of the main navigation's item `request` is in (None: none, or no request)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    here = {match.view_name, f"{match.app_name}:"}
    return next((label for label, _, views in NAVIGATION if not here.isdisjoint(views)), None)


def navigation(current):
    """[(label, address, is current)] of the main navigation."""
    return [(label, reverse(name), label == current) for label, name, _ in NAVIGATION]


def _address_of_site(request):
    """The scheme and host the request came to; empty (links stay relative) when the host is not one of
    ALLOWED_HOSTS: the 400 page that answers such a request must not fail on the same header."""
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""


def site(request):
    """What every page's chrome needs: the site's name, its canonical address, the default share image and the
    addresses it links to (the header's navigation comes from `{% main_navigation %}`, which error pages rendered
    without context processors can use too)."""
    base = settings.SITE_URL or _address_of_site(request)
    return {
        # The default name is interface text (the templates mark it), so it reads in the page's language; a name the
        # site's settings give instead is shown as it is.
        "site_name": gettext(settings.SITE_NAME) if settings.SITE_NAME else "",
        "site_address": base,  # scheme and host, for absolute links such as the hreflang alternates
        "canonical_url": base + request.path,
        "share_image_url": base + static("img/og-default.png"),
        "home_url": reverse("pages:home"),
        "feed_url": reverse("timeline:feed"),
    }
