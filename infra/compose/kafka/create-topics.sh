#!/bin/bash
# Creates ccpulse's Kafka topics if they do not exist yet: create-topics.sh BOOTSTRAP NAME:PARTITIONS...
# Run once per `docker compose up` by the kafka-topics service (compose.yaml lists the topics and their
# partitions; ComposeFilesTest checks them against the jobs' code). One broker, so one replica each. A topic
# that exists already is left as it is, also when its partition count differs (kafka-topics.sh --alter adds
# partitions by hand).
set -euo pipefail

bootstrap="$1"
shift
for topic in "$@"; do
  name="${topic%%:*}"
  partitions="${topic##*:}"
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1
done
