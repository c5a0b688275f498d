package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsersTest {

    private final Users users = Users.parse("default:,alice:s3:cret");

    @Test
    void acceptsConfiguredUsersWithTheirPasswords() {
        assertThatCode(() -> users.authenticate(new HttpQuery.Credentials("default", "")))
                .doesNotThrowAnyException();
        assertThatCode(() -> users.authenticate(new HttpQuery.Credentials("alice", "s3:cret")))
                .doesNotThrowAnyException();
    }

    @Test
    void wrongPasswordOrUnknownUserIsAuthenticationFailed() {
        assertThatThrownBy(() -> users.authenticate(new HttpQuery.Credentials("alice", "wrong")))
                .isInstanceOf(ClickHouseException.class)
                .hasMessageContaining("Code: 516");
        assertThatThrownBy(() -> users.authenticate(new HttpQuery.Credentials("mallory", "")))
                .isInstanceOf(ClickHouseException.class)
                .hasMessageContaining("Code: 516");
    }

    @Test
    void readOnlyUsersAreNamedAmongTheUsers() {
        Users withReader = Users.parse("default:,grafana:pw", "grafana");
        org.assertj.core.api.Assertions.assertThat(withReader.authenticate(new HttpQuery.Credentials("grafana", "pw")))
                .isEqualTo(Users.Access.READ_ONLY);
        org.assertj.core.api.Assertions.assertThat(withReader.authenticate(new HttpQuery.Credentials("default", "")))
                .isEqualTo(Users.Access.FULL);
        assertThatThrownBy(() -> Users.parse("default:", "grafana")).hasMessageContaining("not among the users");
    }

    @Test
    void rejectsAnEntryWithoutColon() {
        assertThatThrownBy(() -> Users.parse("alice")).isInstanceOf(IllegalArgumentException.class);
    }
}
