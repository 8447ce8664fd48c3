"""The memory of a process tree, as the render handler bounds it (Linux /proc)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.render import memory

pytestmark = pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")

HOLD = "import sys, time; block = bytearray(64 * 2**20); sys.stdout.write('ok\\n'); " \
       "sys.stdout.flush(); time.sleep(60)"


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[str]]]:
    """Two child processes, each holding 64 MiB of its own."""
    procs = [subprocess.Popen([sys.executable, "-c", HOLD], stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    try:
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline() == "ok\n"
        yield procs
    finally:
        for proc in procs:
            proc.kill()
            proc.communicate()


def test_descendants_are_found(children: list[subprocess.Popen[str]]) -> None:
    found = memory.descendants(os.getpid())
    assert {p.pid for p in children} <= set(found)


def test_children_memory_counts_what_each_child_holds(
    children: list[subprocess.Popen[str]],
) -> None:
    used = memory.children_memory(os.getpid())
    assert used is not None and used >= 2 * 64 * 2**20


def test_shared_pages_are_counted_once(children: list[subprocess.Popen[str]]) -> None:
    pids = [p.pid for p in children]
    resident = sum(memory.usage(pid).resident for pid in pids)
    shared = [memory.usage(pid).shared for pid in pids]
    assert memory.tree_memory(pids) == resident - sum(shared) + max(shared)


def test_a_gone_process_uses_nothing() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert memory.usage(proc.pid) == memory.Usage(0, 0)
    assert memory.children_memory(proc.pid) is None
