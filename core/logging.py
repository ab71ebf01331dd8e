import logging
from datetime import UTC, datetime


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
