#!/bin/sh
# Rebuild Banmian's coldset-newsprint output profile from published characterization data.
#
# Source data: ANSI CGATS/SNAP TR 002-2007, "Graphic Technology - Color Characterization
# Data for Coldset Printing on Newsprint" (NPES, 2007; 928 patches, IT8.7/3, D50, 0:45).
# Its header: "Profiles, or other derivative work, based on these data may be distributed
# with no further permissions from CGATS. However, this Technical Report must be identified
# as the source of the characterization data." Debian ships the data as TR002.ti3 in the
# package icc-profiles-free; the profiler is ArgyllCMS's colprof (Debian package argyll).
#
# Separation choices (WAN-IFRA newspaper practice, ISO 12647-3 coldset):
#   -k h      heavy grey component replacement (black carries the neutrals);
#   -l 240    total ink limit 240 %;  -L 95   black limit 95 %.
# The result is committed next to this script; it is NOT built at install.
#
# Usage: sh layout/data/newsprint/build-profile.sh   (needs: apt-get install argyll icc-profiles-free)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${TR002:-/usr/share/color/icc/TR002.ti3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data" "$work/TR002.ti3"
(cd "$work" && colprof -v -q m -b l -k h -l 240 -L 95 -O Newsprint-TR002-GCR240.icc \
    -D "Banmian Newsprint coldset (CGATS TR 002) GCR heavy 240%" \
    -C "Derived from ANSI CGATS/SNAP TR 002-2007 characterization data" \
    -A "Banmian" -M "ANSI CGATS/SNAP TR 002-2007 coldset newsprint" TR002 >/dev/null)
# colprof stamps the build time into the ICC header (bytes 24-35); a fixed date makes the
# build reproducible byte for byte (an ICC v2 profile has no profile ID to update).
python3 - "$work/Newsprint-TR002-GCR240.icc" <<'PY'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[24:36] = struct.pack(">6H", 2026, 12, 1, 0, 0, 0)
open(path, "wb").write(bytes(data))
PY
cp "$work/Newsprint-TR002-GCR240.icc" "$here/Newsprint-TR002-GCR240.icc"
sha256sum "$here/Newsprint-TR002-GCR240.icc"
