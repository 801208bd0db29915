#!/bin/sh
# Runs README.md's Java example as its users would: `java -cp kefu.jar:jna.jar`,
# with a model trained from the bundled shop bot in a scratch directory.
# Usage: run_readme_example.sh JAVA KEFU_JAR JNA_JAR SOURCE_DIR   (KEFU_LIBRARY set)
set -eu
java=$1 kefu_jar=$2 jna_jar=$3 src=$4
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
cat > Train.java <<'JAVA'
import java.nio.file.*;
public class Train {
  public static void main(String[] a) throws Exception {
    try (kefu.Engine e = kefu.Engine.train(Files.readString(Path.of(a[0])), null)) {
      e.save("shop.kefu");
    }
  }
}
JAVA
"$java" -cp "$kefu_jar:$jna_jar" Train.java "$src/examples/bots/shop-zh.json"
# The ```java block of the "## Java" section, as the body of main().
{
  echo 'import kefu.*;'
  echo 'public class Example { public static void main(String[] args) {'
  sed -n '/^## Java$/,/^## /p' "$src/README.md" | sed -n '/^```java$/,/^```$/p' | sed '1d;$d'
  echo '} }'
} > Example.java
out=$("$java" -Dstdout.encoding=UTF-8 -cp "$kefu_jar:$jna_jar" Example.java)
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -q '"intent":{"name":"'
printf '%s\n' "$out" | grep -q '"action":"'
