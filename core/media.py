"""
Uploaded pictures served by Django, for `make run` and `make dev` (DJANGO_SERVE_MEDIA). In production the proxy
serves MEDIA_ROOT with the same headers (see the README).
"""

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

MAX_NAME_BYTES = 255  # the longest file name common file systems allow
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


@require_safe
def media(request, path):
    if any(len(part.encode()) > MAX_NAME_BYTES for part in path.split("/")):
        raise Http404("No such file.")  # no file system has such a name (asking it would fail, not answer)
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError):
        raise Http404("No such file.") from None  # e.g. a NUL in the name: no such file either
    if response.get("Content-Type", "").split(";")[0] not in IMAGE_TYPES:
        raise Http404("Only pictures are served here.")
    # Even a file that somehow is not the picture it claims to be can neither run nor be sniffed as something else.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "public, max-age=86400"
    return response
