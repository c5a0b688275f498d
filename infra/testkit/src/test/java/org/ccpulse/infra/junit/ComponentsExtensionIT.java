package org.ccpulse.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.SharedComponents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ComponentsExtension.class)
class ComponentsExtensionIT {

    @Test
    void injectsTheSharedBrokerAndCreatesAFreshTopicPerParameter(
            KafkaEndpoint kafka, @UniqueTopic(partitions = 3) String threePartitions, @UniqueTopic String onePartition)
            throws Exception {
        assertThat(kafka).isSameAs(SharedComponents.get().kafka());
        assertThat(threePartitions)
                .startsWith("ComponentsExtensionIT.injectsTheSharedBrokerAndCreatesAFreshTopicPerParameter-")
                .isNotEqualTo(onePartition);

        try (Admin admin = admin(kafka)) {
            var topics = admin.describeTopics(List.of(threePartitions, onePartition))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(topics.get(threePartitions).partitions()).hasSize(3);
            assertThat(topics.get(onePartition).partitions()).hasSize(1);
        }
    }

    @Test
    void partitionsZeroNamesATopicWithoutCreatingIt(KafkaEndpoint kafka, @UniqueTopic(partitions = 0) String topic)
            throws Exception {
        try (Admin admin = admin(kafka)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(existing).doesNotContain(topic);
        }
    }

    private static Admin admin(KafkaEndpoint kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
