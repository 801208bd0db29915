#!/usr/bin/env bash
# Installs the built kefu into a scratch prefix, then builds and runs a small C
# program against it twice: with pkg-config and with find_package(kefu).
set -euo pipefail
build=$1
source_dir=$(cd "$(dirname "$0")" && pwd)/consumer
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null

pcdir=$(dirname "$(find "$prefix" -name kefu.pc | head -n1)")
libdir=$(dirname "$(find "$prefix" -name 'libkefu.so' | head -n1)")
cc -std=c99 -Wall -Werror "$source_dir/consumer.c" -o "$work/by_pkgconfig" \
  $(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs kefu)
LD_LIBRARY_PATH=$libdir "$work/by_pkgconfig"

cmake -S "$source_dir" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/build" >/dev/null
LD_LIBRARY_PATH=$libdir "$work/build/consumer"
"$prefix/bin/kefu" version >/dev/null  # the installed CLI finds its library
echo "ok: pkg-config and find_package consumers built and ran"
