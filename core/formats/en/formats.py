"""English formats: the British ones (day before month, 24-hour clock) the site used when it was en-gb only."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
