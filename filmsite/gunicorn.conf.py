"""gunicorn settings: `gunicorn -c filmsite/gunicorn.conf.py filmsite.wsgi`."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threaded workers (one thread each unless GUNICORN_THREADS says more): the worker's own thread
# tells the master it is alive while a request runs, so an export streamed for longer than the
# timeout (every review of a large archive as CSV: 26 s for 500,000 on SQLite) is not killed
# halfway, as a sync worker is. The price, measured under load on two CPUs: the trivial view
# serves some 1,500 req/s against 2,000 to 2,500 (docs/benchmarks.md).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# No keep-alive: a kept connection stays with the worker that accepted it, so under load a few
# clients' requests queue on one worker while another idles (a filtered list from four clients
# on two workers: 96 to 106 req/s kept alive, 127 to 132 not). A proxy in front keeps its own.
keepalive = 0
# Django is loaded once, in the master, and each worker forked from it.
preload_app = True
max_requests = 10000
max_requests_jitter = 1000
accesslog = "-"
errorlog = "-"
access_log_format = (
    'remote=%(h)s method=%(m)s path="%(U)s" query="%(q)s" status=%(s)s bytes=%(B)s '
    "duration_ms=%(M)s"
)


def when_ready(server):
    """Before the workers are forked: no database connection may be shared with them (loading
    Django opens none; this keeps it so), and what loading Django made goes into the
    collector's permanent generation. A worker's full collections then walk only its own
    objects (walking Django's too took 26 to 36 ms, the slowest of the page timings), and never
    write to the pages it shares with the master."""
    from django.db import connections

    connections.close_all()
    gc.collect()
    gc.freeze()
