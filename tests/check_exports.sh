#!/usr/bin/env bash
# Fails if libkefu exports any dynamic symbol not starting with kefu_.
set -euo pipefail
lib=$1
symbols=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^KEFU_0$' | sort -u)
bad=$(grep -v '^kefu_' <<<"$symbols" || true)
count=$(grep -c '^kefu_' <<<"$symbols" || true)
if [ -n "$bad" ]; then
  echo "exported symbols without the kefu_ prefix:"; echo "$bad"; exit 1
fi
[ "$count" -gt 0 ] || { echo "no kefu_ symbols exported"; exit 1; }
echo "ok: $count symbols, all kefu_"
