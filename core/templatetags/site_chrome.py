from django import template

from core.context_processors import current_section, navigation
from core.languages import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """
    `{% main_navigation as navigation %}`: [(label, address, is current)] of the main navigation, the current section
    worked out from the request. Error pages rendered without a request (500, 503) get the same links, none current.
    """
    return navigation(current_section(context.get("request")))


@register.simple_tag(takes_context=True)
def language_links(context):
    """
    `{% language_links as languages %}`: a `core.languages.LanguageLink` for each of the site's languages, the page
    being shown in that language (the home page for an error page that matched no view).
    """
    return alternates(context.get("request"))
