"""
Sign-in throttling that stops attackers, not editors (django-axes, configured in settings: AXES_*).

- Failures count for an account *at* an address: someone guessing editor A's password from an office's shared
  address (or from behind the site's proxy) locks out A at that address, never editor B. The account alone, from
  any addresses, is locked at a higher threshold (AXES_ACCOUNT_FAILURE_LIMIT), so that guessing from many
  addresses is slowed too.
- The address is the client's only behind proxies the site trusts: DJANGO_TRUSTED_PROXIES says how many stand in
  front of Django (0, the default: X-Forwarded-For is ignored, as anyone can write it).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


class AccountAtAddressHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS is [["username", "ip_address"], "username"]: the first count is the account at this
    address, held to AXES_FAILURE_LIMIT; the second the account anywhere, held to AXES_ACCOUNT_FAILURE_LIMIT. Axes
    compares one number with one limit, so the account's count is scaled to that limit."""

    def get_failures(self, request, credentials=None):
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if len(counts) != 2:
            return max(counts, default=0)
        at_address, account = counts
        limit = get_failure_limit(request, credentials)
        return max(at_address, account * limit // settings.AXES_ACCOUNT_FAILURE_LIMIT)


def client_address(request):
    """The client's address: with N trusted proxies in front, the N-th address from the right of X-Forwarded-For
    (each proxy appends the address it received the request from); else, or when the header is short or not an
    address, REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.AXES_TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
    if len(forwarded) < trusted:
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
