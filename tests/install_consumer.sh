#!/usr/bin/env bash
# Installs the built kefu into a scratch prefix, then builds the embedding
# examples (examples/embed) against it as a vendor would, with pkg-config and
# with find_package(kefu), and checks that each runs a real conversation on
# the installed default bot.
set -euo pipefail
build=$1
examples=$(cd "$(dirname "$0")/../examples/embed" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null

pcdir=$(dirname "$(find "$prefix" -name kefu.pc | head -n1)")
libdir=$(dirname "$(find "$prefix" -name 'libkefu.so' | head -n1)")
pc() { PKG_CONFIG_PATH=$pcdir pkg-config "$@" kefu; }
botsdir=$(pc --variable=botsdir)
cc -std=c99 -Wall -Wextra -Werror "$examples/chat.c" -o "$work/chat_pkgconfig" \
  -DKEFU_DEFAULT_BOT="\"$botsdir/shop-zh.json\"" $(pc --cflags --libs)

cmake -S "$examples" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/build" >/dev/null

# A conversation that must ask for the order number, call the host action and
# answer, and a goodbye that closes it.
expect_conversation() {
  local out
  out=$(LD_LIBRARY_PATH=$libdir "$@" 我想查一下订单 202611220001 谢谢，再见)
  echo "$out"
  grep -q '^bot \[ask\]: .*订单号' <<<"$out"
  grep -q '^host: runs query_order_status' <<<"$out"
  grep -q '^bot \[answer\]: .*202611220001.*运输中' <<<"$out"
  [ "$(grep -c '^bot ' <<<"$out")" -eq 3 ]
}
expect_conversation "$work/chat_pkgconfig" ""   # "": the compiled-in default bot
expect_conversation "$work/build/chat_c" "$botsdir/shop-zh.json"
expect_conversation "$work/build/chat_cpp" "$botsdir/shop-zh.json"
"$prefix/bin/kefu" version >/dev/null  # the installed CLI finds its library
# With the bindings built, the install also holds the wheel and the jar.
if grep -q '^KEFU_BUILD_BINDINGS:BOOL=ON' "$build/CMakeCache.txt"; then
  if compgen -G "$build/bindings/python/dist/*.whl" >/dev/null; then ls "$prefix"/share/kefu/python/kefu-*.whl; fi
  if compgen -G "$build/bindings/java/*.jar" >/dev/null; then ls "$prefix"/share/java/kefu*.jar; fi
fi
echo "ok: C (pkg-config, find_package) and C++ examples built against the install and ran"
