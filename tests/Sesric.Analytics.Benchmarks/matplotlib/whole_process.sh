#!/usr/bin/env bash
# Whole-process timing, side by side in one session: `sesric report annual --programme diplomacy-cab --year 2022 --lang en`
# against Debian's matplotlib drawing the same ten charts as PNG and SVG (annual_report.py) from the same tables.
# Runs alternate (sesric, matplotlib, sesric, …) so both see the same machine load; prints every run and the medians.
#
#   tests/Sesric.Analytics.Benchmarks/matplotlib/whole_process.sh [RUNS] [SESRIC]
#
# SESRIC defaults to the Release build's apphost (build it first: dotnet build -c Release src/Sesric.Analytics.Cli), or
# give a published one (dotnet publish src/Sesric.Analytics.Cli -c Release -r linux-x64 --self-contained false -o DIR).
# Needs python3-matplotlib (apt-get install -y python3-matplotlib) and the benchmark project built in Release.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
runs="${1:-7}"
sesric="${2:-$root/src/Sesric.Analytics.Cli/bin/Release/net10.0/sesric}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The tables matplotlib draws (the same queries the report runs), and one untimed run of each to seed the store and caches.
dotnet "$root/tests/Sesric.Analytics.Benchmarks/bin/Release/net10.0/Sesric.Analytics.Benchmarks.dll" --export-annual-data "$work/data.json" >/dev/null
"$sesric" report annual --programme diplomacy-cab --year 2022 --lang en --out "$work/sesric" >/dev/null
/usr/bin/python3 "$root/tests/Sesric.Analytics.Benchmarks/matplotlib/annual_report.py" "$work/data.json" "$work/mpl" >/dev/null

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

: >"$work/s.txt"; : >"$work/m.txt"
for i in $(seq "$runs"); do
  s=$(seconds "$sesric" report annual --programme diplomacy-cab --year 2022 --lang en --out "$work/sesric")
  m=$(seconds /usr/bin/python3 "$root/tests/Sesric.Analytics.Benchmarks/matplotlib/annual_report.py" "$work/data.json" "$work/mpl")
  echo "run $i: sesric ${s}s  matplotlib ${m}s"
  echo "$s" >>"$work/s.txt"; echo "$m" >>"$work/m.txt"
done
ms=$(median <"$work/s.txt"); mm=$(median <"$work/m.txt")
echo "median: sesric ${ms}s  matplotlib ${mm}s  ratio $(echo "scale=2; $ms / $mm" | bc)"
