#!/usr/bin/env bash
# Whole-process timing, side by side in one session: `sesric report annual --programme diplomacy-cab --year 2022 --lang en`
# against Debian's matplotlib drawing the same ten charts as PNG and SVG (annual_report.py) from the same tables.
#
#   tests/Sesric.Analytics.Benchmarks/matplotlib/whole_process.sh [PAIRS] [SESRIC]
#
# Runs interleave in pairs (sesric, matplotlib, sesric, matplotlib, …), so that both halves of a pair see the same
# machine: a pair's ratio is fair even when the machine's speed drifts between pairs (matplotlib's own time moved by 30 %
# between quiet sessions). Prints every pair (wall seconds, CPU seconds = user + system over all threads, and the
# pair's ratios), then the medians of each column, the ratio of the medians and the median of the per-pair ratios, and
# the load average before and after. Wall time is the target's measure and means something only on a quiet machine;
# CPU time is what to compare under load (it counts every thread, so it is not the wall-clock target).
#
# PAIRS defaults to 7 (the lead's quiet run uses 21). SESRIC defaults to the Release build's apphost (build it first:
# dotnet build -c Release src/Sesric.Analytics.Cli); give an installed tool (~/.sesric-tool/sesric, ReadyToRun) or a
# published one (dotnet publish src/Sesric.Analytics.Cli -c Release -r linux-x64 --self-contained false -o DIR) to time
# what users run. Both sides read the built-in dataset: sesric from a store this script creates in a temporary folder
# (the untimed first run seeds it), matplotlib from the tables exported from the same dataset.
# Needs python3-matplotlib (apt-get install -y python3-matplotlib), bc, /usr/bin/time, and the benchmark project built in
# Release (dotnet build -c Release tests/Sesric.Analytics.Benchmarks).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
pairs="${1:-7}"
sesric="${2:-$root/src/Sesric.Analytics.Cli/bin/Release/net10.0/sesric}"
case "$pairs" in '' | *[!0-9]* | 0) echo "whole_process.sh: PAIRS '$pairs' is not a positive whole number; give e.g. 21." >&2; exit 2 ;; esac
[ -x "$sesric" ] || { echo "whole_process.sh: SESRIC '$sesric' is not an executable; build or install the tool first (see the comment at the top)." >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python=/usr/bin/python3
plot="$root/tests/Sesric.Analytics.Benchmarks/matplotlib/annual_report.py"

# The tables matplotlib draws (the same queries the report runs), and one untimed run of each to create the store and
# fill the caches.
dotnet "$root/tests/Sesric.Analytics.Benchmarks/bin/Release/net10.0/Sesric.Analytics.Benchmarks.dll" --export-annual-data "$work/data.json" >/dev/null
"$sesric" report annual --programme diplomacy-cab --year 2022 --lang en --db "$work/store.duckdb" --out "$work/sesric" >/dev/null 2>&1
"$python" "$plot" "$work/data.json" "$work/mpl" >/dev/null 2>&1

# One timed run: prints "WALL CPU" in seconds (wall from the nanosecond clock, CPU = user + system of the process tree).
timed() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -o "$work/time.txt" -f "%U %S" "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(awk '{print $1 + $2}' "$work/time.txt")"
}
median() { sort -g | awk '{a[NR]=$1} END {printf "%.3f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { echo "scale=3; $1 / $2" | bc | sed 's/^\./0./'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "pair  sesric wall  cpu   matplotlib wall  cpu   ratio wall  cpu"
: >"$work/pairs.tsv"
for i in $(seq "$pairs"); do
  read -r sw sc < <(timed "$sesric" report annual --programme diplomacy-cab --year 2022 --lang en --db "$work/store.duckdb" --out "$work/sesric")
  read -r mw mc < <(timed "$python" "$plot" "$work/data.json" "$work/mpl")
  rw=$(ratio "$sw" "$mw"); rc=$(ratio "$sc" "$mc")
  printf '%4d  %11.3f  %5.2f  %15.3f  %5.2f  %10s  %4s\n' "$i" "$sw" "$sc" "$mw" "$mc" "$rw" "$rc"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$sw" "$sc" "$mw" "$mc" "$rw" "$rc" >>"$work/pairs.tsv"
done
col() { cut -f"$1" "$work/pairs.tsv" | median; }
sw=$(col 1); sc=$(col 2); mw=$(col 3); mc=$(col 4)
echo "median of $pairs pairs: sesric wall ${sw}s cpu ${sc}s; matplotlib wall ${mw}s cpu ${mc}s"
echo "ratio of medians: wall $(ratio "$sw" "$mw")  cpu $(ratio "$sc" "$mc")"
echo "median of per-pair ratios: wall $(col 5)  cpu $(col 6)  (per-pair wall ratios from $(cut -f5 "$work/pairs.tsv" | sort -g | head -1) to $(cut -f5 "$work/pairs.tsv" | sort -g | tail -1))"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
