"""Shared fixtures: a call run in a child interpreter under a memory limit, so that an abort or
a runaway allocation fails one test instead of killing the test run or the machine."""

import subprocess
import sys
import textwrap

import pytest


@pytest.fixture
def limited():
    """`run(code)`: runs `code` in a fresh interpreter with its address space limited (4 GiB
    by default) and returns the `subprocess.CompletedProcess`; a negative return code is the
    signal that ended it (an abort is -6)."""
    resource = pytest.importorskip("resource")

    def run(code, memory=4 * 2**30, timeout=300):
        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        return subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=limit,
        )

    return run
