"""What the load test and the site benchmark share: gunicorn on a free loopback port, bounded in
time, and a client that keeps its connection open."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra) -> dict:
    """The environment of a production run on loopback (no TLS in front of it)."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "benchmark-" + "k" * 50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env, *command) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One keep-alive HTTP/1.1 connection; `get` returns (status, milliseconds, body)."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, path: str) -> tuple[int, float, bytes]:
        started = time.perf_counter()
        try:
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            body = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            status, body = 0, b""
        return status, (time.perf_counter() - started) * 1000, body


@contextlib.contextmanager
def server(command: list[str], env: dict, *, seconds: float, ready_path: str = "/healthz"):
    """Run `command` (which must listen on the port it is given as {port}) for at most
    `seconds`, wait until `ready_path` answers 200, yield the port, and stop it."""
    port = free_port()
    process = subprocess.Popen(
        ["timeout", str(int(seconds)), *(part.format(port=port) for part in command)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if Client(port).get(ready_path)[0] == 200:
                    break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{command[0]} did not start")
            time.sleep(0.2)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=15)


def gunicorn_command(workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "filmsite/gunicorn.conf.py",
        "--bind",
        "127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "/dev/null",
        "filmsite.wsgi",
    ]


def process_tree(pid: int) -> list[int]:
    """A process and its descendants (Linux /proc; empty elsewhere)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
            found.append(current)
    return found


def status_mb(pid: int, field: str) -> float:
    """A memory figure of /proc/PID/status (VmHWM, VmRSS, RssAnon...), in MB; 0 if gone."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_memory_mb(process: subprocess.Popen) -> tuple[float, float]:
    """The largest peak resident size among a server's processes, and the largest private
    (anonymous) resident memory among them now: the resident size also counts the pages of a
    database file mapped read-only, which the processes share with the OS's page cache."""
    pids = process_tree(process.pid)
    return (
        max((status_mb(pid, "VmHWM") for pid in pids), default=0.0),
        max((status_mb(pid, "RssAnon") for pid in pids), default=0.0),
    )
