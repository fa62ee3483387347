# Sourced by ./imprint and ./test: selects a JDK >= 25 into JAVA_HOME and PATH.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm.
imprint_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
imprint_select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV); do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(imprint_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "imprint: no JDK 25 or newer found (checked \$JAVA_HOME and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-25-jdk-headless', or set JAVA_HOME." >&2
  return 1
}
