# Sourced by the scripts in this folder: where Flink's classpath and the logging configuration are, and
# how a script reads a value of the cluster's config.yaml.

FLINK_CLUSTER_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

# Flink's lib/ as a classpath, written by `mvn -B -o -pl infra/flink-cluster -am package -DskipTests`.
flink_classpath() {
  local file=$FLINK_CLUSTER_HOME/target/flink-classpath.txt
  if [[ ! -s $file ]]; then
    echo "no $file: build it with mvn -B -o -pl infra/flink-cluster -am package -DskipTests" >&2
    return 1
  fi
  cat "$file"
}

# The configuration folder given as the first argument, as an absolute path; it must hold config.yaml.
conf_dir() {
  if [[ -z ${1:-} || ! -f $1/config.yaml ]]; then
    echo "give a configuration folder written by bin/configure (no config.yaml in '${1:-}')" >&2
    return 1
  fi
  (cd "$1" && pwd)
}

# A value of config.yaml (flat `key: value` lines, as bin/configure writes them).
config_value() {
  sed -n "s/^$2: *//p" "$1/config.yaml" | tail -n 1
}

# Where the processes log: FLINK_LOG_DIR, or log/ next to the configuration folder.
log_dir() {
  local dir=${FLINK_LOG_DIR:-$1/../log}
  mkdir -p "$dir"
  (cd "$dir" && pwd)
}

# Runs a Flink entry class in this shell's process (exec), so the caller's pid is the JVM's: a kill
# (or a supervisor's stop) reaches Flink itself. $1: configuration folder, $2: the process's role
# (jobmanager, taskmanager, client: its env.java.opts.<role> comes after env.java.opts.all), $3: log file name.
exec_flink() {
  local conf=$1 role=$2 log=$3
  shift 3
  local classpath
  classpath=$(flink_classpath)
  # shellcheck disable=SC2046 # the JVM options are words
  exec "$JAVA" $(config_value "$conf" env.java.opts.all) $(config_value "$conf" "env.java.opts.$role") \
    -Dlog.file="$(log_dir "$conf")/$log" \
    -Dlog4j.configurationFile="$FLINK_CLUSTER_HOME/conf/log4j.properties" \
    -cp "$classpath" "$@"
}
