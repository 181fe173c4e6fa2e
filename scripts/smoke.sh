#!/usr/bin/env bash
# Real-window smoke test: runs the game under a virtual X display with scripted input
# (MULTIPLIER_SMOKE), which saves a screenshot of every screen, then checks that each
# picture exists and is not blank.
#
#   scripts/smoke.sh [screenshot-dir]        (default: target/smoke)
#
# MULTIPLIER_BIN may name a binary built with `--features smoke` (a release build, for the
# figures in the README); a build without it opens the game at its usual size and ignores
# MULTIPLIER_SMOKE and MULTIPLIER_WINDOW (test hooks compiled only into smoke builds).
#
# Needs xvfb-run and a Vulkan driver (apt-get install -y xvfb mesa-vulkan-drivers).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/smoke}"
check_dirs=()
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

bin="${MULTIPLIER_BIN:-}"
if [[ -z "$bin" ]]; then
  # The scripted tour is compiled only into builds with the `smoke` feature.
  cargo build --quiet --features smoke
  bin="${CARGO_TARGET_DIR:-target}/debug/multiplier"
fi

# A scenario of the player's own, which the run edits to show the reload overlay.
mkdir -p "$data/scenarios"
cp scenarios/first-week.ron "$data/scenarios/smoke-draft.ron"

expected=(01-title 02-briefing 03-play 04-event 05-play-later 06-pause-settings 07-load
  08-debrief 08-debrief-arc 09-title-continue 10-workshop-join 11-play-workshop-timer 12-reload-errors 13-author)

# The usual window, then the smallest supported one.
for size in 1280x800 1024x640; do
  dir="$out"
  [[ "$size" == 1280x800 ]] || dir="$out/$size"
  mkdir -p "$dir"
  rm -f "$dir"/*.png
  cp scenarios/first-week.ron "$data/scenarios/smoke-draft.ron"
  rm -f "$data/saves/"*.ron
  echo "smoke: running $bin at $size under xvfb-run (screenshots in $dir)"
  MULTIPLIER_SMOKE="$dir" MULTIPLIER_DATA_DIR="$data" MULTIPLIER_WINDOW="$size" \
    timeout 600 xvfb-run -a -s "-screen 0 ${size}x24" "$bin"
  [[ -f "$dir/timings.txt" ]] && sed 's/^/smoke: /' "$dir/timings.txt"
  check_dirs+=("$dir")
done

for dir in "${check_dirs[@]}"; do
python3 - "$dir" "${expected[@]}" <<'PY'
import struct, sys, zlib, os
out, names = sys.argv[1], sys.argv[2:]
def pixels(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos+8])
        body = data[pos+8:pos+8+n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    return w, h, raw
failed = False
for name in names:
    path = os.path.join(out, name + '.png')
    if not os.path.exists(path) or os.path.getsize(path) < 1000:
        print(f'smoke: FAIL {name}: missing or empty'); failed = True; continue
    w, h, raw = pixels(path)
    # Distinct byte values across a sample of the image: a blank frame has very few.
    sample = raw[:: max(1, len(raw) // 200000)]
    distinct = len(set(sample))
    if distinct < 16:
        print(f'smoke: FAIL {name}: looks blank ({distinct} distinct values)'); failed = True
    else:
        print(f'smoke: ok   {name} {w}x{h}, {os.path.getsize(path)//1024} KiB')
sys.exit(1 if failed else 0)
PY
done
