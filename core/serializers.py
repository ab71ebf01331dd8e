"""
Django's JSON serialisation format with full-precision timestamps.

Django's own encoder cuts datetimes to milliseconds, so a backup would lose the sub-millisecond part of every
timestamp and `backup → restore → backup` would not be identical. Registered as the "json" format in settings
(SERIALIZATION_MODULES), it serves `dumpdata`, `loaddata`, `backup` and `restore` alike; reading is unchanged.
"""

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangoJSONSerializer

__all__ = ["Deserializer", "Serializer"]


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(DjangoJSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder
