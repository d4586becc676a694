#!/usr/bin/env bash
# One command installs everything Banmian needs on Debian 12 / Ubuntu:
# system packages (CJK fonts, poppler-utils, chromium for the preview browser test),
# the Python package with its test
# tools, and the converted TrueType fonts in fonts/ (about 1 minute on 2 cores).
set -euo pipefail
cd "$(dirname "$0")"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    fonts-noto-cjk fonts-lxgw-wenkai fonts-dejavu-core fonts-hanazono fonts-symbola poppler-utils chromium >/dev/null
else
  echo "install.sh: no apt-get; install Noto CJK (SC .ttc), LXGW WenKai and poppler-utils yourself" >&2
fi
python3 -m pip install -q -e '.[test]'
python3 -m layout fonts
