"""A WSGI application for `tests/test_foundation.py`: a response streamed for longer than the
gunicorn timeout the test sets."""

import time

CHUNKS = 8
CHUNK = b"x" * 999 + b"\n"


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])

    def body():
        for _ in range(CHUNKS):
            yield CHUNK
            time.sleep(0.5)

    return body()
