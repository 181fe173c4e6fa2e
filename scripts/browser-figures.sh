#!/usr/bin/env bash
# Figures of browser tables on loopback: the pages' weight, the time from opening the room's
# address to the first playable screen, and what each browser table costs the host.
#
#   scripts/browser-figures.sh [BINARY] [TABLES]
#
# BINARY defaults to the release build of the headless binary
# (`cargo build --release --no-default-features`); TABLES (default 50) browser tables each
# join and play the 12 weeks of first-week through the host's forms, one request at a time,
# opening three actions' previews a week ("What if?") as a player weighing them would.
set -euo pipefail
bin="${1:-${CARGO_TARGET_DIR:-target}/release/multiplier}"
tables="${2:-50}"
port=$((20000 + RANDOM % 20000))
dir="$(mktemp -d)"
trap 'kill "$host" 2>/dev/null || true; rm -rf "$dir"' EXIT
"$bin" host first-week-31 --bind 127.0.0.1 --port "$port" --dir "$dir/room" --joins-per-minute 100000 >"$dir/host.out" 2>&1 &
host=$!
url="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -s -o /dev/null "$url/" && break; sleep 0.05; done
# The room's code, as the projector shows it at the end of the address.
door=$(grep -o "127.0.0.1:$port/[0-9]*" "$dir/host.out" | head -1 | cut -d/ -f2)

rss() { awk '/VmRSS/ {print $2}' "/proc/$host/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$host/stat"; }
ticks=$(getconf CLK_TCK)

# One table, timed: the address, the team's name, the briefing's button, the play screen.
jar="$dir/first"
start=$(date +%s%N)
curl -s -o /dev/null "$url/"
curl -s -o /dev/null -c "$jar" -d "team=First&door=$door" "$url/play/join"
curl -s -o /dev/null -b "$jar" "$url/play"
curl -s -o /dev/null -b "$jar" -d "do=begin" "$url/play/act"
curl -s -o "$dir/play.html" -b "$jar" "$url/play"
end=$(date +%s%N)
echo "open the address → first playable screen (5 requests): $(( (end - start) / 1000000 )) ms"
echo "join page: $(curl -s "$url/" | wc -c) bytes; play screen: $(wc -c < "$dir/play.html") bytes; play.js: $(curl -s "$url/play.js" | wc -c) bytes"

rss0=$(rss); cpu0=$(cpu); t0=$(date +%s%N)
for t in $(seq "$tables"); do
    jar="$dir/jar$t"
    curl -s -o /dev/null -c "$jar" -d "team=Table $t&door=$door" "$url/play/join"
    curl -s -o /dev/null -b "$jar" -d "do=begin" "$url/play/act"
    for _ in $(seq 12); do
        for action in explain one_on_one prioritise; do
            curl -s -o /dev/null -b "$jar" "$url/play/preview?action=$action"
        done
        curl -s -o /dev/null -b "$jar" -d "do=add&action=explain" "$url/play/act"
        curl -s -o /dev/null -b "$jar" -d "do=end" "$url/play/act"
        curl -s -o /dev/null -b "$jar" -d "do=decide&choice=0" "$url/play/act"
        curl -s -o /dev/null -b "$jar" "$url/play"
    done
done
t1=$(date +%s%N)
curl -s -o "$dir/debrief.html" -b "$dir/jar1" "$url/play"
rss1=$(rss); cpu1=$(cpu)
requests=$((tables * (2 + 12 * 7)))
echo "debrief page: $(wc -c < "$dir/debrief.html") bytes (charts inline as SVG)"
echo "$tables tables × 12 weeks: $requests requests in $(( (t1 - t0) / 1000000 )) ms; host CPU $(( (cpu1 - cpu0) * 1000 / ticks )) ms, $(( (cpu1 - cpu0) * 1000000 / ticks / requests )) µs a request"
echo "host memory: $((rss0 / 1024)) MiB before, $((rss1 / 1024)) MiB after: $(( (rss1 - rss0) / tables )) KiB a browser table"
