#!/usr/bin/env bash
# Idle CPU and peak memory of the real game on the play screen, under a virtual display.
#
#   scripts/measure.sh [seconds]      (default: 30 s of idle sampling)
#
# Opens the game (release build unless MULTIPLIER_BIN is set), clicks the first scenario and
# its start button (title → briefing → play), waits, then reads the process's CPU time and peak resident memory from
# /proc. Needs xvfb, xdotool and a Vulkan driver:
#   apt-get install -y xvfb xdotool mesa-vulkan-drivers
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
data="$(mktemp -d)"
bin="${MULTIPLIER_BIN:-}"
if [[ -z "$bin" ]]; then
  cargo build --release --quiet
  bin="${CARGO_TARGET_DIR:-target}/release/multiplier"
fi

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
cleanup() {
  [[ -n "${game:-}" ]] && kill "$game" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
sleep 1

DISPLAY="$display" MULTIPLIER_DATA_DIR="$data" "$bin" &
game=$!
for _ in $(seq 1 100); do
  if DISPLAY="$display" xdotool search --name '^Multiplier$' >/dev/null 2>&1; then break; fi
  sleep 0.2
done
window="$(DISPLAY="$display" xdotool search --name '^Multiplier$' | head -n1)"
sleep 3
# With no window manager the window never gets the keyboard, so click: the first scenario,
# then "Start week 1" on its briefing; then park the pointer where it shows no tooltip.
DISPLAY="$display" xdotool mousemove 600 130 click 1
sleep 2
DISPLAY="$display" xdotool mousemove 97 769 click 1
sleep 1
DISPLAY="$display" xdotool mousemove 1279 420
sleep 3

ticks() { awk '{print $14 + $15}' "/proc/$game/stat"; }
hz="$(getconf CLK_TCK)"
before="$(ticks)"
sleep "$seconds"
after="$(ticks)"
cpu="$(awk -v a="$before" -v b="$after" -v hz="$hz" -v s="$seconds" 'BEGIN { printf "%.2f", (b - a) / hz / s * 100 }')"
peak="$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$game/status")"
# A picture of what was measured, when ImageMagick is there to take it.
if command -v import >/dev/null 2>&1; then
  DISPLAY="$display" import -window root "${MEASURE_SHOT:-/tmp/multiplier-measure.png}" 2>/dev/null || true
fi
echo "idle on the play screen: ${cpu}% of one core over ${seconds} s"
echo "peak resident memory: ${peak} MiB"
