"""A deferred standard-library module (``layout.deferred``) is, once used, the module an
import makes: ``inspect`` deferred by the command runs on its first use (a dataclass without
a docstring, ``from inspect import``), in the same module object, once even when two threads
ask at once; a command that needs it (``--help``, which ``argparse`` formats) still works; a
render (``python -m layout``) runs neither ``inspect`` nor ``traceback``, and ``logging`` still
prints an exception's traceback."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.fresh import one_page_issue, python


def _run(code: str) -> list[str]:
    """Lines printed by ``code`` run in a new interpreter (where nothing imported ``inspect`` yet)."""
    return python(code).split("\n")[:-1]


def test_a_deferred_module_runs_on_first_use_in_the_same_object() -> None:
    code = """
import sys
from layout.deferred import defer, deferred
print(defer("inspect"), deferred("inspect"), "ast" in sys.modules)
module = sys.modules["inspect"]
import inspect
print(inspect is module, deferred("inspect"), inspect.__name__, inspect.__spec__.name, "ast" in sys.modules)
import dataclasses
@dataclasses.dataclass
class Point:
    x: int
    y: str = "a"
print(deferred("inspect"), Point.__doc__, "ast" in sys.modules, type(inspect).__name__)
from inspect import signature
print(sys.modules["inspect"] is module, str(signature(lambda a, b=2: None)), inspect.isclass(Point))
print(defer("inspect"), defer("no_such_module_here"), defer("os.path"))
"""
    assert _run(code) == [
        "True True False",
        "True True inspect inspect False",  # bound, its spec read: not run yet
        "False Point(x: int, y: str = 'a') True module",  # a class without a docstring: run, a plain module
        "True (a, b=2) True",
        "False False False",  # already imported; not found; not top level
    ]


def test_two_threads_asking_at_once_run_it_once() -> None:
    code = """
import sys, threading
from layout.deferred import defer
defer("inspect")
module = sys.modules["inspect"]
runs = []
real = module.__spec__.loader.exec_module
def counted(m):
    runs.append(m)
    real(m)
module.__spec__.loader.exec_module = counted
start = threading.Barrier(4)
seen = []
def ask():
    start.wait()
    seen.append(module.signature)
threads = [threading.Thread(target=ask) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(len(runs), len(seen), len({id(s) for s in seen}), runs[0] is module)
"""
    assert _run(code) == ["1 4 1 True"]


def test_a_command_defers_it_and_help_still_works() -> None:
    code = """
import contextlib, io, sys, layout.cli
from layout.deferred import deferred
out = io.StringIO()
with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
    layout.cli.main(["--version"])
print(bool(out.getvalue()), deferred("inspect"), "ast" in sys.modules)
with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
    layout.cli.main(["render", "--help"])
print("--quiet" in out.getvalue())
import inspect
print(inspect.isfunction(layout.cli.main), deferred("inspect"))
"""
    assert _run(code) == ["True True False", "True", "True False"]


def test_a_render_runs_neither_inspect_nor_traceback(tmp_path: Path) -> None:
    one = one_page_issue(tmp_path)
    code = """
import atexit, runpy, sys
def said():
    from layout.deferred import deferred
    print(deferred("inspect"), deferred("traceback"), *(n in sys.modules for n in ("ast", "linecache", "tokenize")))
atexit.register(said)
sys.argv = ["layout", "render", sys.argv[1], "-o", sys.argv[2], "--quiet"]
runpy.run_module("layout", run_name="__main__", alter_sys=True)
"""
    said = python(code, one, tmp_path / "one.pdf")
    assert said == "True True False False False\n"  # as python -m layout: bound, never run
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")


def test_logging_still_prints_an_exception_it_is_handed() -> None:
    code = """
import sys
from layout.deferred import defer_rare, deferred
defer_rare()
import logging
logging.basicConfig(stream=sys.stdout, format="%(message)s")
print(deferred("traceback"))
try:
    {}["missing"]
except KeyError:
    logging.getLogger("x").exception("it failed")
print(deferred("traceback"))
"""
    lines = _run(code)
    assert lines[0] == "True" and lines[1] == "it failed" and lines[2] == "Traceback (most recent call last):"
    assert "KeyError: 'missing'" in lines and lines[-1] == "False"


def test_the_banmian_script_defers_both_before_logging() -> None:
    code = """
import contextlib, io, sys
sys.argv = ["banmian", "--version"]
from layout.command import run
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    run()
from layout.deferred import deferred
print("logging" in sys.modules, deferred("inspect"), deferred("traceback"))
"""
    assert _run(code) == ["True True True"]


def test_a_child_forked_while_another_thread_loads_a_module_does_not_wait_for_it() -> None:
    # a thread holds the loading lock (as while a deferred module runs) when the process forks: that
    # thread does not exist in the child, which must find the lock free, not wait for ever
    import os

    from layout import deferred

    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with deferred._LOCK:
            held.set()
            release.wait()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait()
    pid = os.fork()
    if pid == 0:  # (the child: exit at once, 0 when it got the lock)
        os._exit(0 if deferred._LOCK.acquire(timeout=5) else 1)
    release.set()
    thread.join()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
