"""
What a server process loads once, before it forks its workers, so that every worker starts warm: gunicorn imports
the site in its master (`preload_app`, gunicorn.conf.py), calls `warm_up()`, then forks. A worker that gunicorn
replaces after `max_requests` is forked from the same warm master: it does not import Django again, compile the
templates again or read the CLDR's files again, and its first requests cost what any request costs.

What is loaded: the URLconf's reverse tables in every language, the translation catalogues, the CLDR data of every
language (names, numbers, dates), and every template of the project's own (`templates/` and our apps'), compiled by
the cached loader. Nothing here opens a database or cache connection — a connection opened before the fork would be
shared by every worker — and `warm_up()` checks that none is open when it returns.
"""

import logging
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import translation

from core import dates, locale

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".svg"}


def project_template_names():
    """The names of the templates under the project's own folders (`templates/` and each of our apps'), as
    `get_template` takes them; Django's and the libraries' templates (the admin's) are left to load on first use."""
    root = Path(settings.BASE_DIR).resolve()
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [Path(folder) for folder in get_app_template_dirs("templates")]
    names = set()
    for folder in folders:
        folder = folder.resolve()
        if not folder.is_relative_to(root) or folder.is_relative_to(root / ".venv"):
            continue
        names.update(
            path.relative_to(folder).as_posix()
            for path in folder.rglob("*")
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
        )
    return sorted(names)


def warm_up():
    """Load, in this process, what every request would otherwise load on its first use. Returns the number of
    templates compiled."""
    already_open = _open_connections()
    resolver = get_resolver()
    sample_day = date(1999, 3, 1)
    for language, _ in settings.LANGUAGES:
        with translation.override(language):
            resolver.reverse_dict  # noqa: B018 — filled per language on first access (i18n_patterns)
            translation.gettext("Home")  # reads this language's catalogues
            locale.names_in_every_language("FR")
            locale.number(1234)
            dates.long_date(sample_day)
            dates.short_date(sample_day)
    compiled = 0
    engine = engines["django"]
    for name in project_template_names():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:  # a fragment that only compiles inside another template: left to first use
            logger.debug("Not warmed (compiles only where it is included): %s", name)
            continue
        compiled += 1
    if opened := _open_connections() - already_open:
        raise RuntimeError(
            f"Warming up opened a database connection ({', '.join(sorted(opened))}), which forked workers would share."
        )
    return compiled


def _open_connections():
    return {connection.alias for connection in connections.all(initialized_only=True) if connection.connection}
