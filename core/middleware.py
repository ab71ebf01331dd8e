import logging
import re
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string

from .logging import request_id

logger = logging.getLogger(__name__)


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
            length = int(request.META.get("CONTENT_LENGTH") or 0)
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


class OptionsMiddleware:
    """
    Answer `OPTIONS` on every URL with the methods it allows (`Allow`), not 405: load balancers (HAProxy's default
    check) send it. Views that refuse it (`require_safe`) say what they allow; class-based views answer it themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "OPTIONS" or response.status_code != 405 or not response.has_header("Allow"):
            return response
        allowed = [method.strip() for method in response["Allow"].split(",") if method.strip()]
        answer = HttpResponse(status=200)
        answer["Allow"] = ", ".join([*allowed, "OPTIONS"] if "OPTIONS" not in allowed else allowed)
        answer["Content-Length"] = "0"
        return answer


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
