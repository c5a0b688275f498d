package org.ccpulse.infra;

import org.testcontainers.utility.DockerImageName;

/** The only place Docker image tags are pinned: change a version here and every test follows. */
public final class ContainerImages {

    /** Apache Kafka's own image, same release as the kafka-clients and embedded broker in the build. */
    public static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.2.0");

    /** ClickHouse's official server image, the 25.8 LTS line. */
    public static final DockerImageName CLICKHOUSE = DockerImageName.parse("clickhouse/clickhouse-server:25.8");

    private ContainerImages() {}
}
