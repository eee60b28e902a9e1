#!/bin/sh
# Re-runs every notebook from a clean state and stores its outputs in place, without dotnet-repl's per-cell timing
# metadata (so a refresh changes only what the notebooks show). Build first: dotnet build src/Sesric.Analytics.Cli
set -e
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
out=$(mktemp -d)
for nb in *.ipynb; do
  dotnet repl --run "$nb" --exit-after-run --output-path "$out/$nb"
  python3 - "$out/$nb" "$nb" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for c in d["cells"]:
    for k in [k for k in c.get("metadata", {}) if k.startswith("dotnet_repl_")]:
        del c["metadata"][k]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(d, f, indent=1, ensure_ascii=False)
    f.write("\n")
PY
done
rm -rf "$out"
