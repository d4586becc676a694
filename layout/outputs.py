"""Where the command line writes: default names beside the input, and paths it refuses.

In:  the path ``-o`` names (or none), the issue file and, once loaded, the files the
     issue reads (photos, logos, the ICC profile).
Out: the path to write; a ``BanmianError`` (exit 2, nothing written) when the path is
     a symbolic link, a device, a FIFO or a folder where a file is wanted, one of the
     issue's own inputs, or a file with the wrong extension.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from layout.errors import BanmianError
from layout.issue.model import Issue


def beside(source: Path, suffix: str) -> Path:
    """The default output of an issue file: beside it, with its stem and ``suffix``.

    >>> beside(Path("issue/x.yaml"), ".pdf"), beside(Path("x.yml"), "-preview")
    (PosixPath('issue/x.pdf'), PosixPath('x-preview'))
    """
    return source.with_name(source.stem + suffix)


def check_extension(path: Path, suffix: str, what: str) -> None:
    """Refuse an output whose name does not end in ``suffix`` (a PDF named ``out.png`` misleads
    every tool that opens it).

    >>> check_extension(Path("out.png"), ".pdf", "render writes a PDF")
    Traceback (most recent call last):
    layout.errors.BanmianError: out.png: render writes a PDF: name the output *.pdf (nothing written)
    """
    if path.suffix.lower() != suffix:
        raise BanmianError(f"{path}: {what}: name the output *{suffix} (nothing written)")


def check_file(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write the file ``path`` unless it is new or an existing regular file (not a
    symbolic link, device, FIFO, socket or folder), and not one of ``inputs``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise BanmianError(f"{path}: cannot check the output ({exc.strerror}); nothing written") from None
    kind = _kind(info.st_mode)
    if kind:
        raise BanmianError(f"{path}: the output is {kind}, not a regular file; refused, nothing written")
    for source in inputs:
        try:
            same = os.path.samefile(path, source)
        except OSError:
            continue
        if same:
            raise BanmianError(f"{path}: the output is one of the issue's inputs ({source}); refused, "
                               "it is left as it was")


def check_distinct(outputs: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse two outputs of one command that name the same file (``-o x.pdf --summary x.pdf``:
    one would overwrite the other). ``outputs`` pairs each option with its path (or None).

    >>> check_distinct([("-o", Path("x.pdf")), ("--summary", Path("./x.pdf")), ("--report", None)])
    Traceback (most recent call last):
    layout.errors.BanmianError: x.pdf: named by both -o and --summary; one would overwrite the other (nothing written)
    """
    seen: dict[str, str] = {}
    for option, path in outputs:
        if path is None:
            continue
        key = os.path.realpath(path)
        if key in seen:
            raise BanmianError(f"{path}: named by both {seen[key]} and {option}; one would overwrite the other "
                               "(nothing written)")
        seen[key] = option


def check_folder(path: Path) -> None:
    """Refuse an output folder that exists as anything but a folder (a symbolic link to one is fine)."""
    if path.exists() and not path.is_dir():
        raise BanmianError(f"{path}: the output folder exists and is not a folder; refused, nothing written")
    if not path.exists() and path.is_symlink():
        raise BanmianError(f"{path}: the output folder is a broken symbolic link; refused, nothing written")


def _kind(mode: int) -> str:
    """What a non-regular file is, in words ("" for a regular file)."""
    kinds = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
    return next((word for test, word in kinds if test(mode)), "" if stat.S_ISREG(mode) else "not a file")


def issue_inputs(issue: Issue) -> list[Path]:
    """Every file an issue reads: the YAML, its house style, its photos and logos, the print profile."""
    files = [issue.source, *((issue.house,) if issue.house else ())]
    files += [image for p in issue.pages for b in p.blocks if (image := getattr(b, "image", None))]
    files += [head.ornament for p in issue.pages for b in p.blocks for key in ("kicker", "headline", "subhead")
              if (head := getattr(b, key, None)) is not None and head.ornament]  # 题花
    if issue.press.profile:
        files.append(issue.press.profile)
    return files
