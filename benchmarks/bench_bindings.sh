#!/usr/bin/env bash
# What a call costs through the Python and Java bindings compared with the
# C ABI itself: the same engine (the bundled shop-zh bot), the same messages
# (its training examples, markup removed), the same calls, one thread.
# Prints bench_abi's, the Python and the Java lines, then one line per
# binding and call with the overhead in microseconds (best of three rounds).
#
# usage: benchmarks/bench_bindings.sh [BUILD_DIR] [PASSES]   (a build with the bindings)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
passes=${2:-20}
bot=$src/examples/bots/shop-zh.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KEFU_LIBRARY=$build/lib/libkefu.so
# All three on the same core (KEFU_BENCH_CPU, default 0): the cores of a shared
# machine can differ in speed by half (seen here), which would swamp the overhead.
pin=(taskset -c "${KEFU_BENCH_CPU:-0}")

python3 - "$bot" > "$work/messages.txt" <<'PY'
import json, re, sys
bot = json.load(open(sys.argv[1], encoding="utf-8"))
for intent in bot["intents"]:
    for example in intent.get("examples", []):
        print(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", example))
PY

# Three rounds, C, Python and Java in turn, and the best of each: the machine's
# other load then weighs on all three alike.
for round in 1 2 3; do
  "${pin[@]}" "$build/bin/bench_abi" "$bot" "$work/messages.txt" "$passes"
  PYTHONPATH=$src/bindings/python "${pin[@]}" python3 "$src/benchmarks/bindings/bench_bindings.py" \
    "$bot" "$work/messages.txt" "$passes"
  jar=$(ls "$build"/bindings/java/kefu.jar 2>/dev/null || true)
  if [ -n "$jar" ] && command -v java >/dev/null; then
    # A fixed, pre-touched heap, as servers run: a growing G1 heap adds page
    # faults to every allocation and would be measured instead of the binding.
    "${pin[@]}" java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp "$jar:/usr/share/java/jna.jar" \
      "$src/benchmarks/bindings/BenchBindings.java" \
      "$bot" "$work/messages.txt" "$passes"
  else
    echo '{"bench": "call", "via": "java", "skipped": "no kefu.jar in this build or no java"}'
  fi
done | tee "$work/calls.jsonl"

python3 - "$work/calls.jsonl" <<'PY'
import json, sys
best = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    if "us" in r:
        key = (r["via"], r["call"])
        best[key] = min(best.get(key, r["us"]), r["us"])
for (via, call), us in best.items():
    if via != "c":
        base = best[("c", "classify" if call == "classify" else "parse")]
        print(json.dumps({"bench": "overhead", "via": via, "call": call, "c_us": base,
                          "binding_us": us, "overhead_us": round(us - base, 2)}))
PY
