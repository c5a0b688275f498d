package org.ccpulse.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComponentSelectionTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    /** An address in the environment must decide alone: asking Docker would cost time and log noise. */
    private static final BooleanSupplier MUST_NOT_ASK_DOCKER =
            () -> fail("Docker was probed although an address was given");

    @Nested
    class Kafka {

        @Test
        void anAddressInTheEnvironmentWinsWithoutAskingDocker() {
            Choice<KafkaEndpoint> choice = ComponentSelection.kafka(
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092, broker-2:9093"), MUST_NOT_ASK_DOCKER);

            assertThat(choice.source()).isEqualTo(Source.ENVIRONMENT);
            assertThat(choice.givenEndpoint()).contains(new KafkaEndpoint("broker-1:9092, broker-2:9093"));
            assertThat(choice.reason()).isEqualTo("KAFKA_BOOTSTRAP_SERVERS is set");
        }

        @Test
        void withoutAnAddressAContainerWhenDockerAnswers() {
            Choice<KafkaEndpoint> choice = ComponentSelection.kafka(Map.of(), DOCKER);

            assertThat(choice.source()).isEqualTo(Source.CONTAINER);
            assertThat(choice.givenEndpoint()).isEmpty();
            assertThat(choice.reason()).isEqualTo("KAFKA_BOOTSTRAP_SERVERS is not set and a Docker engine answers");
        }

        @Test
        void withoutAnAddressOrDockerTheEmbeddedBroker() {
            Choice<KafkaEndpoint> choice = ComponentSelection.kafka(Map.of(), NO_DOCKER);

            assertThat(choice.source()).isEqualTo(Source.EMBEDDED);
            assertThat(choice.reason()).isEqualTo("KAFKA_BOOTSTRAP_SERVERS is not set and no Docker engine answers");
        }

        @Test
        void aBlankAddressCountsAsUnset() {
            assertThat(ComponentSelection.kafka(Map.of("KAFKA_BOOTSTRAP_SERVERS", "  "), NO_DOCKER)
                            .source())
                    .isEqualTo(Source.EMBEDDED);
        }

        @Test
        void ipv6LiteralsAreAccepted() {
            assertThat(ComponentSelection.kafka(Map.of("KAFKA_BOOTSTRAP_SERVERS", "[::1]:9092"), NO_DOCKER)
                            .source())
                    .isEqualTo(Source.ENVIRONMENT);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "localhost",
                    "localhost:",
                    ":9092",
                    "localhost:0",
                    "localhost:65536",
                    "localhost:90a2",
                    "a:1,,b:2",
                    "a:1,"
                })
        void aMalformedAddressIsAnErrorNamingTheVariable(String malformed) {
            assertThatThrownBy(() -> ComponentSelection.kafka(Map.of("KAFKA_BOOTSTRAP_SERVERS", malformed), DOCKER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS: bootstrap servers must be host:port")
                    .hasMessageContaining(malformed);
        }
    }

    @Nested
    class ClickHouse {

        @Test
        void anAddressWithCredentialsInTheEnvironmentWinsWithoutAskingDocker() {
            Choice<ClickHouseEndpoint> choice = ComponentSelection.clickHouse(
                    Map.of(
                            "CLICKHOUSE_URL", "http://ch.example:8123",
                            "CLICKHOUSE_USER", "ccpulse",
                            "CLICKHOUSE_PASSWORD", "s3cret"),
                    MUST_NOT_ASK_DOCKER);

            assertThat(choice.source()).isEqualTo(Source.ENVIRONMENT);
            assertThat(choice.givenEndpoint())
                    .contains(new ClickHouseEndpoint(
                            "http://ch.example:8123", "jdbc:clickhouse:http://ch.example:8123", "ccpulse", "s3cret"));
            assertThat(choice.reason()).isEqualTo("CLICKHOUSE_URL is set");
        }

        @Test
        void anAddressAloneUsesTheDefaultAccountAndSaysSo() {
            Choice<ClickHouseEndpoint> choice = ComponentSelection.clickHouse(
                    Map.of("CLICKHOUSE_URL", "https://ch.example:8443/"), MUST_NOT_ASK_DOCKER);

            assertThat(choice.givenEndpoint())
                    .contains(new ClickHouseEndpoint(
                            "https://ch.example:8443", "jdbc:clickhouse:https://ch.example:8443", "default", ""));
            assertThat(choice.reason()).isEqualTo("CLICKHOUSE_URL is set (no CLICKHOUSE_USER: user 'default')");
        }

        @Test
        void withoutAnAddressAContainerWhenDockerAnswers() {
            Choice<ClickHouseEndpoint> choice = ComponentSelection.clickHouse(Map.of(), DOCKER);

            assertThat(choice.source()).isEqualTo(Source.CONTAINER);
            assertThat(choice.reason()).isEqualTo("CLICKHOUSE_URL is not set and a Docker engine answers");
        }

        @Test
        void withoutAnAddressOrDockerTheEmbeddedServer() {
            Choice<ClickHouseEndpoint> choice = ComponentSelection.clickHouse(Map.of("CLICKHOUSE_URL", ""), NO_DOCKER);

            assertThat(choice.source()).isEqualTo(Source.EMBEDDED);
            assertThat(choice.reason()).isEqualTo("CLICKHOUSE_URL is not set and no Docker engine answers");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "localhost:8123",
                    "ftp://ch.example",
                    "http://",
                    "http:///default",
                    "ch.example",
                    "http://ch example:8123"
                })
        void aMalformedUrlIsAnErrorNamingTheVariable(String malformed) {
            assertThatThrownBy(() -> ComponentSelection.clickHouse(Map.of("CLICKHOUSE_URL", malformed), DOCKER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "CLICKHOUSE_URL: ClickHouse URL must be an http(s) URL like http://localhost:8123")
                    .hasMessageContaining(malformed);
        }

        @Test
        void credentialsInsideTheUrlAreRefusedWithoutEchoingThem() {
            assertThatThrownBy(() -> ComponentSelection.clickHouse(
                            Map.of("CLICKHOUSE_URL", "http://admin:s3cret@ch.example:8123"), DOCKER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "CLICKHOUSE_URL: ClickHouse URL must not contain credentials; give them as user and password instead");
        }

        @ParameterizedTest
        @ValueSource(strings = {"CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD"})
        void credentialsWithoutAnAddressAreAnError(String credential) {
            assertThatThrownBy(() -> ComponentSelection.clickHouse(Map.of(credential, "x"), DOCKER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("CLICKHOUSE_USER/CLICKHOUSE_PASSWORD are set but CLICKHOUSE_URL is not;"
                            + " set CLICKHOUSE_URL too, or unset the credentials");
        }
    }

    @Test
    void componentsAreDecidedIndependently() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");

        assertThat(ComponentSelection.kafka(env, NO_DOCKER).source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(ComponentSelection.clickHouse(env, NO_DOCKER).source()).isEqualTo(Source.EMBEDDED);
    }
}
