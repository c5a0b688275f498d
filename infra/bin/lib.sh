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

# Builds the local runner's module (nothing is installed into ~/.m2) and runs a main class of the
# project on its classes and the runtime class path Maven wrote at package time (Flink included).
ccpulse_build_and_run() {
  local main="$1"; shift
  echo "building (mvn package, tests skipped)..." >&2
  mvn -B -q -ntp -DskipTests package -pl infra/local -am
  local JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  # our quiet logging (WARN, INFO for org.ccpulse) rather than the INFO of every dependency
  exec "$JAVA" -Dlog4j2.configurationFile=org/ccpulse/local/log4j2.xml \
    -cp "infra/local/target/classes:$(cat infra/local/target/runtime-classpath.txt)" "$main" "$@"
}
