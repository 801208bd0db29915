#!/usr/bin/env bash
# Compares the built library's ABI with the committed baseline. Incompatible
# changes fail; compatible additions are reported. After a deliberate change,
# refresh the baseline with: tests/check_abi.sh LIB --update
set -euo pipefail
lib=$1
root=$(cd "$(dirname "$0")/.." && pwd)
baseline=$root/tests/abi/libkefu.abi
if [ "${2:-}" = "--update" ]; then
  abidw --headers-dir "$root/include/kefu" --drop-private-types --exported-interfaces-only \
    --no-corpus-path "$lib" >"$baseline"
  echo "baseline updated: $baseline"; exit 0
fi
# C symbols carry no signature, so abidiff flags a changed signature only as an
# "ABI change" (bit 4), not as incompatible (bit 8). Hence: with added symbols
# ignored, any reported change at all breaks existing callers.
compare() {
  set +e
  abidiff --headers-dir2 "$root/include/kefu" --drop-private-types --exported-interfaces-only \
    "$@" "$baseline" "$lib"
  rc=$?
  set -e
  if (( rc & 3 )); then echo "abidiff could not compare (exit $rc)"; exit 1; fi
}
compare --no-added-syms
if (( rc & 12 )); then
  echo "INCOMPATIBLE ABI change against $baseline"; exit 1
fi
compare >/dev/null
if (( rc & 4 )); then
  echo "compatible ABI additions; refresh the baseline when they are deliberate"
fi
echo "ok: ABI compatible with the baseline"
