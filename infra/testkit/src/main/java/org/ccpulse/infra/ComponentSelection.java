package org.ccpulse.infra;

import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The switch's decision, as pure functions of the environment and whether a Docker engine answers:
 * <ol>
 *   <li>an address in the environment wins ({@value #KAFKA_BOOTSTRAP_SERVERS}, {@value #CLICKHOUSE_URL});</li>
 *   <li>else a Testcontainers container when a Docker engine answers;</li>
 *   <li>else the embedded server.</li>
 * </ol>
 * Docker is asked only when no address is given: the probe costs time and logs noise when there is no engine.
 * A malformed or half-given configuration is an error, never a reason to fall through to another source.
 */
public final class ComponentSelection {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String CLICKHOUSE_URL = "CLICKHOUSE_URL";
    public static final String CLICKHOUSE_USER = "CLICKHOUSE_USER";
    public static final String CLICKHOUSE_PASSWORD = "CLICKHOUSE_PASSWORD";

    private ComponentSelection() {}

    public static Choice<KafkaEndpoint> kafka(Map<String, String> env, BooleanSupplier dockerAvailable) {
        Optional<String> servers = value(env, KAFKA_BOOTSTRAP_SERVERS);
        if (servers.isPresent()) {
            KafkaEndpoint endpoint = parsed(KAFKA_BOOTSTRAP_SERVERS, () -> new KafkaEndpoint(servers.get()));
            return Choice.given(endpoint, KAFKA_BOOTSTRAP_SERVERS + " is set");
        }
        return startOne(KAFKA_BOOTSTRAP_SERVERS, dockerAvailable);
    }

    public static Choice<ClickHouseEndpoint> clickHouse(Map<String, String> env, BooleanSupplier dockerAvailable) {
        Optional<String> url = value(env, CLICKHOUSE_URL);
        Optional<String> user = value(env, CLICKHOUSE_USER);
        Optional<String> password = value(env, CLICKHOUSE_PASSWORD);
        if (url.isEmpty()) {
            if (user.isPresent() || password.isPresent()) {
                // Credentials without an address mean someone meant to point at a server and forgot the URL.
                throw new IllegalArgumentException(CLICKHOUSE_USER + "/" + CLICKHOUSE_PASSWORD + " are set but "
                        + CLICKHOUSE_URL + " is not; set " + CLICKHOUSE_URL + " too, or unset the credentials");
            }
            return startOne(CLICKHOUSE_URL, dockerAvailable);
        }
        ClickHouseEndpoint endpoint = parsed(
                CLICKHOUSE_URL,
                () -> ClickHouseEndpoint.fromHttpUrl(
                        url.get(), user.orElse(ClickHouseEndpoint.DEFAULT_USER), password.orElse("")));
        return Choice.given(
                endpoint,
                CLICKHOUSE_URL + " is set"
                        + (user.isPresent()
                                ? ""
                                : " (no " + CLICKHOUSE_USER + ": user '" + ClickHouseEndpoint.DEFAULT_USER + "')"));
    }

    private static <E> Choice<E> startOne(String variable, BooleanSupplier dockerAvailable) {
        return dockerAvailable.getAsBoolean()
                ? Choice.start(Source.CONTAINER, variable + " is not set and a Docker engine answers")
                : Choice.start(Source.EMBEDDED, variable + " is not set and no Docker engine answers");
    }

    /** A variable's value; a blank value counts as unset (shells and compose files often pass {@code VAR=}). */
    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    /** Parses a variable's value, naming the variable in the error so the fix is obvious. */
    private static <T> T parsed(String variable, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
        }
    }
}
