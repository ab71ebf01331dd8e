"""
gunicorn's settings for every way the site is served: `make run`, `make cluster` and the systemd unit
(deploy/systemd/ottawa@.service). Each can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS…) or
on the command line, which wins over this file.
"""

import gc
import os

wsgi_app = "ottawa.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# Streamed exports (/exports/…, 100,000 rows) take longer than gunicorn's default 30 s; a stuck worker is still
# replaced after two minutes. Database statements are bounded far below that (DATABASE_STATEMENT_TIMEOUT).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 20
keepalive = 5
# Trust X-Forwarded-For/-Proto only from the proxy in front (nginx on the same machine). Empty: trust nobody.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# One access-log line per request to stdout, with the request id nginx passes in X-Request-ID.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms id=%({x-request-id}i)s'
errorlog = "-"
# A worker is replaced after this many requests (with jitter), so a slow leak never grows without bound. Not much
# more often: a replacement starts with an empty page cache of its own (the local-memory cache of `make run`).
max_requests = 50000
max_requests_jitter = 5000
# The site is imported once, in the master, and warmed up there (core/warmup.py) before the workers are forked from
# it: a worker replaced after max_requests is ready at once, with its templates compiled, instead of importing Django
# again while its partner takes the whole load. New code therefore needs a restart; a HUP reloads this file and the
# workers, not the code.
preload_app = True
# Several instances may run side by side from one clone (make cluster): no shared control socket in $HOME.
control_socket_disable = True

# LOG_FORMAT=json (the site's own setting, ottawa/settings.py): gunicorn's lines too are one JSON object each, so
# stdout is JSON from end to end. Access lines carry the request id nginx passed in X-Request-ID.
if os.environ.get("LOG_FORMAT", "").lower() == "json":
    logconfig_dict = {
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            name: {"level": "INFO", "handlers": ["json"], "propagate": False, "qualname": name}
            for name in ("gunicorn.error", "gunicorn.access")
        },
        "handlers": {"json": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
        "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    }


def when_ready(server):
    """In the master, after the site is imported (preload_app) and before the first worker is forked."""
    if server.cfg.preload_app:
        from core.warmup import warm_up

        server.log.info("Warmed up before forking: %d templates compiled", warm_up())


def pre_fork(server, worker):
    """What exists before the fork is set aside from the garbage collector (gc.freeze): a worker's collections then
    scan only what the worker made, not all of Django's modules, and its memory pages stay shared with the master."""
    gc.freeze()
