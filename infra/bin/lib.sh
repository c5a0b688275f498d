# Shared by infra/bin/test and infra/bin/run (sourced, not run): what a fresh machine needs to build and run
# ccpulse, installed when missing: a JDK 17, Maven, and npm (which fetches the chDB engine behind the
# embedded ClickHouse server on first use).

# Installs the missing tools with apt-get and points JAVA_HOME at the JDK 17 when it is not set.
ccpulse_install_missing() {
  local need_apt=()
  command -v javac >/dev/null && javac -version 2>&1 | grep -q ' 17\.' || need_apt+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || need_apt+=(maven)
  command -v npm >/dev/null || need_apt+=(npm)
  if ((${#need_apt[@]})); then
    echo "installing: ${need_apt[*]}"
    local SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
  fi
  if [ -d /usr/lib/jvm/java-17-openjdk-amd64 ] && [ -z "${JAVA_HOME:-}" ]; then
    export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
  fi
}

# Written after each successful build; a build is needed when anything it is built from is newer.
CCPULSE_BUILD_STAMP=infra/local/target/ccpulse-build.stamp

# True when the local runner's module must be built before it can run: never built, something it runs on
# is missing (its classes, a jar of the runtime class path, e.g. after a `mvn clean` or a wiped ~/.m2), or a
# pom.xml or a file under a module's src/main is newer than the stamp (every module of the root pom counts:
# a superset of `-pl infra/local -am`, and one a new module joins by itself).
ccpulse_build_needed() {
  local classpath=infra/local/target/runtime-classpath.txt
  [ -f "$CCPULSE_BUILD_STAMP" ] && [ -f "$classpath" ] && [ -d infra/local/target/classes ] || return 0
  local entry
  while IFS= read -r -d: entry || [ -n "$entry" ]; do
    entry="${entry%$'\n'}"
    [ -e "$entry" ] || return 0
  done < "$classpath"
  local watched=(pom.xml) module
  for module in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml); do
    [ -f "$module/pom.xml" ] && watched+=("$module/pom.xml")
    [ -d "$module/src/main" ] && watched+=("$module/src/main")
  done
  [ -n "$(find "${watched[@]}" -newer "$CCPULSE_BUILD_STAMP" -print -quit)" ]
}

# Builds the local runner's module and the modules it depends on (nothing is installed into ~/.m2), then
# writes the stamp. The stamp's time is the build's start, so a file saved during the build counts as changed.
ccpulse_build() {
  echo "building (mvn package, tests skipped)..." >&2
  mkdir -p infra/local/target
  touch "$CCPULSE_BUILD_STAMP.new"
  # jansi.noreset: Maven 3.8 otherwise writes colour resets (ESC[0m) even with -B -q, which end up in logs
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -ntp -DskipTests package -pl infra/local -am
  mv "$CCPULSE_BUILD_STAMP.new" "$CCPULSE_BUILD_STAMP"
}

# True when the arguments ask only for help or the version (picocli's -h/--help/-V/--version).
ccpulse_wants_help() {
  local arg
  for arg in "$@"; do
    case "$arg" in -h|--help|-V|--version) return 0 ;; esac
  done
  return 1
}

# Runs a main class of the project on the local runner's classes and the runtime class path Maven wrote at
# package time (Flink included), building first only when needed (ccpulse_build_needed). Help is printed from
# whatever was built last, without checking for changes; only a missing build is made first.
ccpulse_build_and_run() {
  local main="$1"; shift
  if ccpulse_wants_help "$@" && [ -f "$CCPULSE_BUILD_STAMP" ] && [ -f infra/local/target/runtime-classpath.txt ]; then
    : # help from the last build
  elif ccpulse_build_needed; then
    ccpulse_build
  fi
  local JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  # our quiet logging (WARN, INFO for org.ccpulse) rather than the INFO of every dependency
  exec "$JAVA" -Dlog4j2.configurationFile=org/ccpulse/local/log4j2.xml \
    -cp "infra/local/target/classes:$(cat infra/local/target/runtime-classpath.txt)" "$main" "$@"
}
