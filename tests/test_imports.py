"""What a command imports and builds before it starts: a render makes only its own command's parser
(the other commands' modules are not imported), yet help and errors still list every command and a
command's own help and errors read as with the whole parser."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from types import CodeType

import pytest

from layout import cli

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("render", "handoff", "preflight", "fonts", "preview", "serve", "init", "schema", "makeup")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_the_whole_parser_lists_every_command_in_order() -> None:
    assert tuple(_subparsers(cli.parser())) == COMMANDS
    assert tuple(_subparsers(cli.parser("-h"))) == COMMANDS
    assert tuple(_subparsers(cli.parser("rendr"))) == COMMANDS  # a misspelt command: the error lists them all


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_alone_has_the_help_and_defaults_it_has_in_the_whole_parser(command: str) -> None:
    alone = _subparsers(cli.parser(command))
    whole = _subparsers(cli.parser())[command]
    assert set(alone) >= {command}
    assert alone[command].format_help() == whole.format_help()
    assert alone[command].prog == whole.prog == f"banmian {command}"
    assert alone[command]._defaults == whole._defaults  # the function the command runs


@pytest.mark.parametrize("argv", [["render"], ["render", "a.yaml", "--jobs", "x"], ["rendr", "x"], ["makeup"]])
def test_errors_read_as_with_the_whole_parser(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    messages = []
    for make in (lambda: cli.parser(argv[0]), cli.parser):
        with pytest.raises(SystemExit) as ended:
            make().parse_args(argv)
        messages.append((ended.value.code, capsys.readouterr().err))
    assert messages[0] == messages[1] and messages[0][0] == 2 and "banmian" in messages[0][1]


def test_the_code_cache_keeps_the_texts_of_its_last_writer_and_stays_bounded(tmp_path: Path) -> None:
    """A file full of other texts (old versions'): a command that compiles texts of its own writes
    them first and drops the texts at the end, so the file never grows past ``MAX_ENTRIES``."""
    import marshal
    import os

    from layout import codecache, sealed

    old = {f"exec{source}": marshal.dumps(compile(source, "<string>", "exec"))
           for source in (f"def __create_fn__():\n def f{k}(self): pass\n return f{k}"
                          for k in range(codecache.MAX_ENTRIES))}
    env = {**os.environ, "BANMIAN_CACHE": str(tmp_path)}
    where = subprocess.run([sys.executable, "-c", "import layout.codecache as c; print(c.cache_path())"], cwd=ROOT,
                           capture_output=True, text=True, check=True, env=env).stdout.strip()
    sealed.write(Path(where), codecache._tag(), marshal.dumps(old))
    code = ("import dataclasses, layout.codecache as c; c.install()\n"
            "@dataclasses.dataclass(frozen=True)\nclass Fresh:\n    seen_once: int\n"
            "print(len(c._codes))")
    used = int(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                              env=env).stdout)
    entries = marshal.loads(sealed.read(Path(where), codecache._tag()))
    assert len(entries) == codecache.MAX_ENTRIES and used > 0
    keys = list(entries)
    assert all("seen_once" in key for key in keys[:used])  # the writer's own texts (its dataclass's methods)
    assert keys[used] == codecache._RE_PROBE_KEY  # the probe's yes (``_re_verdict``), after the writer's texts
    assert keys[used + 1:] == list(old)[:codecache.MAX_ENTRIES - used - 1]  # the texts at the end fell off
    assert all(isinstance(marshal.loads(raw), CodeType) for key, raw in entries.items()
               if key != codecache._RE_PROBE_KEY)


@pytest.mark.parametrize("columns", [None, "57", "0", "wide"])
def test_help_is_as_wide_as_argparse_makes_it(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The width the parser's help takes without ``shutil`` is the one argparse's formatter takes
    with it, and the help reads the same as argparse's own formatters write it."""
    import shutil

    from layout import cli_parser

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli_parser._columns() == shutil.get_terminal_size().columns
    ours = cli.parser()
    for formatter, theirs in ((cli_parser._RawDescription, argparse.RawDescriptionHelpFormatter),
                              (cli_parser._Help, argparse.HelpFormatter)):
        ours.formatter_class = formatter
        text = ours.format_help()
        ours.formatter_class = theirs
        assert text == ours.format_help()


def test_a_render_imports_no_shutil() -> None:
    code = "import sys, layout.cli_parser as p; p.parser('render').parse_args(['render', 'x.yaml']); " \
           "print('shutil' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
