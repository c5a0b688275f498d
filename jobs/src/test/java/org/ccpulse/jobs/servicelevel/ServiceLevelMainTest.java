package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.junit.jupiter.api.Test;

class ServiceLevelMainTest {

    /** Building the graph is where the Kafka sink inspects its serializers (a lambda there failed the build). */
    @Test
    void buildsTheLiveJobWithDeadLettersToClickHouseAndKafka() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        ServiceLevelJob.build(env, ServiceLevelMain.kafkaSource("localhost:9", "contact-events", "group"),
                ServiceLevelConfig.defaults(), ServiceLevelJob.Settings.defaults(),
                ServiceLevelSinks.of(new ClickHouseAccess("http://127.0.0.1:9", "u", "p"), "localhost:9", "dead-letters"));

        assertThat(env.getStreamGraph().getStreamNodes()).extracting(StreamNode::getOperatorName)
                .anyMatch(name -> name.startsWith("dead-letters-0"))
                .anyMatch(name -> name.startsWith("dead-letters-1"));
    }
}
