import logging
import re
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe

from .logging import request_id

logger = logging.getLogger(__name__)


class UrlLanguageMiddleware:
    """
    The language of a request is the one its address names (/fr/…, /ar/…; English at the root, the admin and the
    site-wide files included) — never the Accept-Language header, a cookie or the session. So a page's bytes follow
    from its address alone, as the page cache assumes (core.cache.page_key), crawlers see every language, and no
    visitor is redirected or given a cookie. Django's LocaleMiddleware would do all three.

    The language is active while the response is made, then the previous one comes back (a test's later `reverse()`
    is not left in French). It is said in the Content-Language header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestLimitsMiddleware:
    """
    Refuse oversized requests before Django reads them: an overlong query string (414) or a body larger than
    any form or upload on the site needs (413). Django itself caps the number of fields and non-file body size.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > settings.MAX_QUERY_STRING_LENGTH:
            return HttpResponse("The address is too long.\n", status=414, content_type="text/plain; charset=utf-8")
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            return HttpResponse("Invalid Content-Length.\n", status=400, content_type="text/plain; charset=utf-8")
        if length > settings.MAX_REQUEST_BODY_BYTES:
            limit = settings.MAX_REQUEST_BODY_BYTES // (1024 * 1024)
            return HttpResponse(
                f"The upload is too large: at most {limit} MB.\n", status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """
    When the database cannot be reached, answer 503 with a styled page that needs no database, and say when to
    retry. Django's connection health checks reconnect on their own once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception.__class__.__name__)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


class PermissionsPolicyMiddleware:
    """Tell browsers this site uses none of the powerful features (camera, location…): nothing on it can ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def _not_an_options_probe(record):
    """A logging filter: drop the "Method Not Allowed (OPTIONS)" warning of django.request (answered below)."""
    request = getattr(record, "request", None)
    return not (getattr(record, "status_code", None) == 405 and getattr(request, "method", None) == "OPTIONS")


class OptionsMiddleware:
    """
    The safe methods that the rest of the stack leaves out:

    - `OPTIONS` on every URL is answered with the methods it allows (`Allow`), not 405: load balancers (HAProxy's
      default check) send it. Views that refuse it (`require_safe`) say what they allow; class-based views answer it
      themselves. The 405 that the view returns on the way is no failure, so django.request does not log it.
    - a conditional `HEAD` (If-None-Match, If-Modified-Since) gets 304 like the same `GET`: Django's
      ConditionalGetMiddleware only looks at `GET`. The ETag is the one `GET` gets (the page cache's, or the hash of
      the body that ConditionalGetMiddleware would compute).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        request_logger = logging.getLogger("django.request")
        if _not_an_options_probe not in request_logger.filters:
            request_logger.addFilter(_not_an_options_probe)

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            return self.conditional_head(request, response)
        if request.method != "OPTIONS" or response.status_code != 405 or not response.has_header("Allow"):
            return response
        allowed = [method.strip() for method in response["Allow"].split(",") if method.strip()]
        answer = HttpResponse(status=200)
        answer["Allow"] = ", ".join([*allowed, "OPTIONS"] if "OPTIONS" not in allowed else allowed)
        answer["Content-Length"] = "0"
        return answer

    def conditional_head(self, request, response):
        if not ("if-none-match" in request.headers or "if-modified-since" in request.headers):
            return response
        if ConditionalGetMiddleware.needs_etag(None, response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = response.get("Last-Modified")
        last_modified = last_modified and parse_http_date_safe(last_modified)
        if etag or last_modified:
            return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
        return response


class RequestIdMiddleware:
    """
    Give every request an id, for the logs: the one nginx sends in `X-Request-ID` (its `$request_id`) when it looks
    like one, else a new one. It is on every log record of the request (`core.logging.RequestIdFilter`) and sent
    back in the response's `X-Request-ID`. First in MIDDLEWARE, so even a refused request carries it.
    """

    ACCEPTED = re.compile(r"[A-Za-z0-9._-]{1,128}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        value = given if self.ACCEPTED.fullmatch(given) else uuid.uuid4().hex
        request.request_id = value
        # Kept until the response is closed (request_finished): Django logs a 4xx/5xx after the middleware returns.
        request_id.set(value)
        response = self.get_response(request)
        response["X-Request-ID"] = value
        return response


@receiver(request_finished, dispatch_uid="core.middleware.forget_request_id")
def _forget_request_id(**kwargs):
    request_id.set("")
