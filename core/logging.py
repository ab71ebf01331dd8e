import contextvars
import logging
from collections.abc import Mapping
from datetime import UTC, datetime

from pythonjsonlogger import json as jsonlogger


class OneLineFormatter(logging.Formatter):
    """`ts=… level=… logger=… msg="…"`: one line per record, easy to grep and to parse."""

    def format(self, record):
        message = record.getMessage()
        if record.exc_info:
            message = f"{message}\n{self.formatException(record.exc_info)}"
        fields = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": message,
        }
        return " ".join(f"{key}={self._quote(value)}" for key, value in fields.items())

    @staticmethod
    def _quote(value):
        if value and not any(char in value for char in ' "=\n\\'):
            return value
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'


# The id of the request this process is serving (core.middleware.RequestIdMiddleware sets it): nginx passes its
# `$request_id` as X-Request-ID, so one id follows a request through the proxy's log and every instance's.
request_id = contextvars.ContextVar("request_id", default="")


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record as `request_id` ("" outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class JsonFormatter(jsonlogger.JsonFormatter):
    """`LOG_FORMAT=json`: one JSON object a line — ts, level, logger, msg, request_id (and any `extra`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger", "message": "msg"})
        super().__init__("%(levelname)s %(name)s %(message)s %(request_id)s", *args, **kwargs)

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        log_record["ts"] = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        if not log_record.get("request_id"):
            log_record["request_id"] = getattr(record, "request_id", "") or request_id.get() or _access_id(record)


def _access_id(record):
    """The X-Request-ID of a gunicorn access-log record (its arguments are the request's atoms), else ""."""
    if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
        value = record.args.get("{x-request-id}i", "")
        return "" if value == "-" else value
    return ""
