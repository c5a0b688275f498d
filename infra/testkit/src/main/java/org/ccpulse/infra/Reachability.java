package org.ccpulse.infra;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks that an address given in the environment really answers, so a wrong or stopped server fails
 * at the start with its address in the message, not later as a client timeout deep inside a test.
 */
final class Reachability {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Reachability() {}

    static KafkaEndpoint requireAnswers(KafkaEndpoint kafka) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return kafka;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while contacting Kafka at " + kafka.bootstrapServers(), e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "no Kafka broker answers at " + kafka.bootstrapServers() + " within " + TIMEOUT.toSeconds() + " s: "
                            + e,
                    e);
        }
    }

    static ClickHouseEndpoint requireAnswers(ClickHouseEndpoint clickHouse) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest ping = HttpRequest.newBuilder(clickHouse.pingUri())
                .timeout(TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> answer = client.send(ping, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse at " + clickHouse.httpUrl() + " answered "
                        + answer.statusCode() + " to " + clickHouse.pingUri());
            }
            return clickHouse;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while contacting ClickHouse at " + clickHouse.httpUrl(), e);
        } catch (IOException e) {
            throw new IllegalStateException("no ClickHouse answers at " + clickHouse.pingUri() + ": " + e, e);
        }
    }
}
