from django.conf import settings
from django.templatetags.static import static


def site(request):
    """What every page's chrome needs: the site's name, its canonical address and the default share image."""
    base = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
    return {
        "site_name": settings.SITE_NAME,
        "canonical_url": base + request.path,
        "share_image_url": base + static("img/og-default.png"),
    }
