#!/usr/bin/env bash
# Compares the built library's ABI with the committed baseline. Incompatible
# changes fail; compatible additions are reported. After a deliberate change,
# refresh the baseline with: tests/check_abi.sh LIB --update
set -euo pipefail
lib=$1
root=$(cd "$(dirname "$0")/.." && pwd)
baseline=$root/tests/abi/libkefu.abi
if [ "${2:-}" = "--update" ]; then
  abidw --headers-dir "$root/include/kefu" --no-corpus-path "$lib" >"$baseline"
  echo "baseline updated: $baseline"; exit 0
fi
set +e
abidiff --headers-dir2 "$root/include/kefu" "$baseline" "$lib"
rc=$?
set -e
# abidiff exit bits: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
if (( rc & 3 )); then echo "abidiff could not compare (exit $rc)"; exit 1; fi
if (( rc & 8 )); then
  echo "INCOMPATIBLE ABI change against $baseline"; exit 1
fi
if (( rc & 4 )); then
  echo "compatible ABI additions; refresh the baseline when they are deliberate"
fi
echo "ok: ABI compatible with the baseline"
