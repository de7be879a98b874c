"""`briefgen serve` as a command: start, answer, stop cleanly on Ctrl-C."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_serve_support import SITE, raw_request

from briefgen.testing import write_files


def _as_in_the_background() -> None:
    # What a shell does for a command started with '&': SIGINT ignored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start(site: Path, *args: str, background: bool = False) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "serve", "--source", str(site), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_as_in_the_background if background else None,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if found := re.search(r"serving .* at http://127\.0\.0\.1:(\d+)/", line):
            return proc, int(found.group(1))
    proc.kill()
    raise AssertionError(f"the server did not start: {proc.communicate()[0]}")


@pytest.mark.parametrize(
    ("sig", "background"),
    [(signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGINT, True)],
)
def test_serves_then_stops_cleanly(tmp_path: Path, sig: signal.Signals, background: bool) -> None:
    write_files(tmp_path, SITE)
    proc, port = start(tmp_path, "--port", "0", background=background)
    try:
        status, _, body = raw_request(port, "/articles/grid-talks/")
        assert status == 200
        assert b"Negotiators met" in body
        proc.send_signal(sig)  # Ctrl-C sends SIGINT
        out, _ = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert "stopped" in out
    assert "Traceback" not in out
    assert not (tmp_path / "public").exists()  # the preview never writes the published folder
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


SLOW_FIRST_BUILD = """
import time

from briefgen import hookimpl


@hookimpl
def briefgen_build_start(site, settings):
    print("first build under way", flush=True)
    time.sleep(60)
"""


@pytest.mark.parametrize(
    ("sig", "background"),
    [(signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGINT, True)],
)
def test_a_signal_during_the_first_build_stops_cleanly(
    tmp_path: Path, sig: signal.Signals, background: bool
) -> None:
    # A signal that comes before the preview is ready (here: while a plugin
    # holds up the first build) stops it at once, as cleanly as later.
    write_files(tmp_path, {**SITE, "plugins/slow_start.py": SLOW_FIRST_BUILD})
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "serve", "-s", str(tmp_path), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_as_in_the_background if background else None,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "first build under way"
        started = time.monotonic()
        proc.send_signal(sig)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out
    assert time.monotonic() - started < 20  # not after the plugin's minute
    assert "stopped" in out
    assert "serving" not in out
    assert "Traceback" not in out


def test_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    write_files(tmp_path, SITE)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "briefgen", "serve", "-s", str(tmp_path), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert f"error: port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "hint:" in result.stderr
    assert "Traceback" not in result.stderr


def test_not_a_site_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "serve", "-s", str(tmp_path), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "no site.yml" in result.stderr


def test_serve_is_in_the_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0
    for option in ("--host", "--port", "--open", "--poll"):
        assert option in result.stdout
