package org.ccpulse.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ClickHouseEndpointTest {

    @Test
    void toStringNeverShowsThePassword() {
        ClickHouseEndpoint endpoint = ClickHouseEndpoint.fromHttpUrl("http://ch.example:8123", "ccpulse", "s3cret");

        assertThat(endpoint.toString()).doesNotContain("s3cret").contains("password=***", "user=ccpulse");
    }

    @Test
    void pingIsAtTheServerRootWhateverPathTheUrlHas() {
        assertThat(ClickHouseEndpoint.fromHttpUrl("http://ch.example:8123/ccpulse", "default", "")
                        .pingUri())
                .isEqualTo(URI.create("http://ch.example:8123/ping"));
    }
}
