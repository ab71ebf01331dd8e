from django.conf import settings


def site(request):
    """What every page's chrome needs: the site's name."""
    return {"site_name": settings.SITE_NAME}
