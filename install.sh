#!/usr/bin/env bash
# One command installs everything Banmian needs on Debian 12 / Ubuntu 24.04:
# system packages through apt (CJK fonts, poppler-utils, Ghostscript for the tests' separations,
# chromium for the preview
# browser test, python3-venv), a virtual environment in .venv/ holding the Python
# package with its test tools, and the converted TrueType fonts in fonts/ (about
# 2.5 minutes on 2 cores, four main and four extension faces). The system Python is never touched: Debian 12 and
# Ubuntu 23.04+ refuse `pip install` there (PEP 668, externally-managed-environment).
# Afterwards run the tools as .venv/bin/banmian and .venv/bin/python, or
# `. .venv/bin/activate` first. PYTHON=/path/to/python3.11+ picks another interpreter.
set -euo pipefail
cd "$(dirname "$0")"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    fonts-noto-cjk fonts-lxgw-wenkai fonts-dejavu-core fonts-hanazono fonts-symbola poppler-utils ghostscript chromium \
    python3 python3-venv >/dev/null
else
  echo "install.sh: no apt-get; install Noto CJK (SC .ttc), LXGW WenKai, poppler-utils and" \
       "Python 3.11+ with venv yourself" >&2
fi
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,bench]'
# byte-compile the package now, as installing a wheel does: an editable install under
# PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run (~45 ms)
.venv/bin/python -m compileall -q layout >/dev/null
.venv/bin/python -m layout fonts
echo "installed: run .venv/bin/banmian (or '. .venv/bin/activate' first, then banmian)"
