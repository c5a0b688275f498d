#!/bin/bash
# ccpulse's two ClickHouse users, least privilege, passwords from the environment (compose.yaml, from .env).
# The image's entrypoint runs this from /docker-entrypoint-initdb.d before the server opens its ports, on every
# start (CLICKHOUSE_ALWAYS_RUN_INITDB_SCRIPTS), as the administrator of CLICKHOUSE_USER / CLICKHOUSE_PASSWORD;
# OR REPLACE makes each user exactly what this file says, so a password changed in .env applies at the next start.
#
#   writer  (CCPULSE_CLICKHOUSE_WRITER_USER, ccpulse): the migrator and the jobs. The grants of the embedded
#           ClickHouse's full role (infra/embedded-clickhouse EngineConfig.FULL_GRANTS), narrowed to the project's
#           database `default`: no CREATE DATABASE (the database exists), no DROP DATABASE; CREATE/DROP FUNCTION
#           are global in ClickHouse (the migrations' ccpulse_* SQL functions; CREATE OR REPLACE needs DROP too).
#   grafana (CCPULSE_CLICKHOUSE_GRAFANA_USER, grafana): SELECT on `default` only, profile readonly = 2 (no writes
#           or DDL; settings such as max_execution_time, which Grafana's plugin sends, may still be set, readonly
#           itself not). The system tables the plugin reads (databases, tables, columns) show every user what it
#           may see without a grant.
# Neither user holds a source privilege (FILE, URL, REMOTE, S3, MYSQL, ...), so the table functions and engines
# that reach files or other servers are refused to both.
#
# Run by the entrypoint either as a program or sourced (depending on the file's mode), so everything happens
# in a subshell that leaves the entrypoint's shell options alone.
(
  set -euo pipefail

  writer="${CCPULSE_CLICKHOUSE_WRITER_USER:?}"
  grafana="${CCPULSE_CLICKHOUSE_GRAFANA_USER:?}"
  for name in "$writer" "$grafana"; do
    [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "10-ccpulse-users.sh: bad user name '$name'" >&2; exit 1; }
  done
  [[ -n "${CCPULSE_CLICKHOUSE_WRITER_PASSWORD:-}" && -n "${CCPULSE_CLICKHOUSE_GRAFANA_PASSWORD:-}" ]] \
    || { echo "10-ccpulse-users.sh: CCPULSE_CLICKHOUSE_WRITER_PASSWORD and CCPULSE_CLICKHOUSE_GRAFANA_PASSWORD must be set" >&2; exit 1; }

  # A ClickHouse string literal: backslash and quote escaped.
  literal() {
    local s="${1//\\/\\\\}"
    printf "'%s'" "${s//\'/\\\'}"
  }

  clickhouse client --host 127.0.0.1 --user "$CLICKHOUSE_USER" --password "$CLICKHOUSE_PASSWORD" --multiquery <<SQL
CREATE SETTINGS PROFILE OR REPLACE ccpulse_read_only SETTINGS readonly = 2;

CREATE USER OR REPLACE $writer IDENTIFIED WITH sha256_password BY $(literal "$CCPULSE_CLICKHOUSE_WRITER_PASSWORD");
GRANT SELECT, INSERT, ALTER, CREATE TABLE, CREATE VIEW, DROP TABLE, DROP VIEW, TRUNCATE, OPTIMIZE, SHOW
  ON default.* TO $writer;
GRANT CREATE FUNCTION, DROP FUNCTION ON *.* TO $writer;

CREATE USER OR REPLACE $grafana IDENTIFIED WITH sha256_password BY $(literal "$CCPULSE_CLICKHOUSE_GRAFANA_PASSWORD")
  SETTINGS PROFILE 'ccpulse_read_only';
GRANT SELECT ON default.* TO $grafana;
SQL
  echo "10-ccpulse-users.sh: users $writer (writer) and $grafana (read-only) are set"
)
