package org.ccpulse.infra.junit;

import java.util.UUID;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.SharedComponents;
import org.ccpulse.infra.kafka.KafkaTopics;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the JVM-wide shared components ({@link SharedComponents}) as parameters:
 * {@link KafkaEndpoint}, {@link ClickHouseEndpoint}, and {@code @UniqueTopic String} for a fresh topic.
 *
 * <pre>{@code
 * @ExtendWith(ComponentsExtension.class)
 * class PipelineIT {
 *     @Test
 *     void countsContacts(KafkaEndpoint kafka, @UniqueTopic(partitions = 3) String topic) { ... }
 * }
 * }</pre>
 */
public final class ComponentsExtension implements ParameterResolver {

    /** Kafka topic names: at most 249 characters of {@code [a-zA-Z0-9._-]}. */
    private static final int MAX_TOPIC_NAME = 249;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaEndpoint.class
                || type == ClickHouseEndpoint.class
                || (type == String.class && parameter.isAnnotated(UniqueTopic.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaEndpoint.class) {
            return SharedComponents.get().kafka();
        }
        if (type == ClickHouseEndpoint.class) {
            return SharedComponents.get().clickHouse();
        }
        UniqueTopic request = parameter.findAnnotation(UniqueTopic.class).orElseThrow();
        String topic = uniqueTopicName(context);
        if (request.partitions() > 0) {
            KafkaTopics.create(SharedComponents.get().kafka().bootstrapServers(), request.partitions(), topic);
        }
        return topic;
    }

    /** {@code <TestClass>.<method>-<random>}: readable in broker listings, unique across tests and runs. */
    static String uniqueTopicName(ExtensionContext context) {
        String test = context.getRequiredTestClass().getSimpleName()
                + context.getTestMethod().map(method -> "." + method.getName()).orElse("");
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        String readable = test.replaceAll("[^a-zA-Z0-9._-]", "_");
        return readable.substring(0, Math.min(readable.length(), MAX_TOPIC_NAME - suffix.length())) + suffix;
    }
}
