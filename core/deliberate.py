"""
Views whose GET does something in the user's name (an export written to the log) answer only a deliberate
request: the user following a link or sending a form, not a picture, a script or a frame of some page that
makes their browser fetch the address.

Browsers say why they fetch (Fetch Metadata): a navigation is `Sec-Fetch-Mode: navigate` with
`Sec-Fetch-Dest: document`; an `<img>` is `Sec-Fetch-Dest: image`, `fetch()` is `cors` or `no-cors`. A request
that carries these headers and is not a top-level navigation is refused (403). Clients that send none (curl with a
session, the test client, browsers older than 2023) are not browsers tricked by a page, and are let through;
POST requests are already guarded by the CSRF token.
"""

from functools import wraps

from django.http import HttpResponseForbidden


def is_deliberate(request):
    if request.method not in ("GET", "HEAD"):
        return True
    mode = request.headers.get("Sec-Fetch-Mode")
    dest = request.headers.get("Sec-Fetch-Dest")
    if mode is None and dest is None:
        return True
    # A download from a link or a form is a top-level navigation: its destination is "document" (a frame is
    # "iframe", refused: a hidden frame is as good as a picture to a forger).
    return mode == "navigate" and dest in ("document", None)


def deliberate_requests_only(view):
    """Refuse a GET the user did not ask for themselves (see the module's description)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_deliberate(request):
            return HttpResponseForbidden(
                "This address runs an export in your name, so it only answers when you open it yourself (a link "
                "or a button), not when a page fetches it as a picture or a script.",
                content_type="text/plain; charset=utf-8",
            )
        return view(request, *args, **kwargs)

    return wrapper
