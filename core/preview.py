"""
Staff preview of items visitors cannot see yet, on their real public address.

A visitor asking for a draft or a scheduled item gets 404, exactly as for an unknown one. A signed-in staff user
who may view that kind of item in the admin gets the page, marked "Draft — not public" (or "Scheduled — not
public until …"), and sent with `Cache-Control: no-cache, no-store, private`, so neither a browser, a proxy nor
the page cache (`core.cache.cached_page` stores no response that has a Cache-Control header) keeps it.
"""

from django.utils.cache import add_never_cache_headers


def can_preview(user, model):
    """May `user` see drafts and scheduled items of `model` on the public site? Staff who may view them in the admin."""
    if not (user.is_active and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def mark_preview(response):
    """A preview response is never stored: not by browsers, proxies, nor the page cache."""
    add_never_cache_headers(response)
    return response


class PreviewMixin:
    """
    For a `DetailView` of a `core.models.Publishable` model whose `get_queryset()` lets previewers fetch drafts
    (see `can_preview`): puts the notice in the context as `preview` and sends no-cache headers when it is one.
    """

    def may_preview(self):
        return can_preview(self.request.user, self.model)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.object.publication_notice()
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return mark_preview(response) if context.get("preview") else response
