#!/usr/bin/env bash
# Compiles and runs the README's C ("The C ABI in five lines") and C++ ("C++")
# examples against the built library, with a model trained from the bundled
# shop bot, so that the code a newcomer copies is known to work.
# Usage: readme_examples.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$build/bin/kefu" train "$src/examples/bots/shop-zh.json" -o shop.kefu >/dev/null

block() {  # the first ```$2 block of the README section headed $1
  sed -n "/^## $1\$/,/^## /p" "$src/README.md" | sed -n "/^\`\`\`$2\$/,/^\`\`\`\$/p" | sed '1d;$d'
}
{
  printf '#include <stdio.h>\n#include <string.h>\n'
  block 'The C ABI in five lines' c | grep '^#include'
  echo 'int main(void) {'
  block 'The C ABI in five lines' c | grep -v '^#include'
  echo 'return 0; }'
} > example.c
cc -std=c99 -Wall -Werror example.c -I"$src/include" -L"$build/lib" -lkefu -o example_c
{
  echo '#include <iostream>'
  echo '#include <kefu/kefu.hpp>'
  echo 'int main() {'
  block 'C++' cpp
  echo '(void)top; }'
} > example.cc
c++ -std=c++17 -Wall -Werror example.cc -I"$src/include" -L"$build/lib" -lkefu -o example_cpp
for program in ./example_c ./example_cpp; do
  out=$(LD_LIBRARY_PATH=$build/lib "$program")
  printf '%s\n' "$out"
  grep -q '"intent":{"name":"query_logistics"' <<<"$out"
done
grep -q '"action":"ask"' <<<"$out"
echo "ok: README C and C++ examples compiled and ran"
