package org.ccpulse.infra.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/** The users the server accepts, from a spec like {@code default:,alice:s3cret} (user:password, comma-separated). */
final class Users {

    static final String DEFAULT_SPEC = "default:";

    private final Map<String, byte[]> passwords;

    private Users(Map<String, byte[]> passwords) {
        this.passwords = passwords;
    }

    static Users parse(String spec) {
        Map<String, byte[]> passwords = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("user entry must be name:password (password may be empty)");
            }
            passwords.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException("no users configured");
        }
        return new Users(Map.copyOf(passwords));
    }

    /** @throws ClickHouseException AUTHENTICATION_FAILED (516) for an unknown user or a wrong password */
    void authenticate(HttpQuery.Credentials credentials) {
        byte[] expected = passwords.get(credentials.user());
        byte[] given = credentials.password().getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(expected, given)) {
            throw new ClickHouseException(ClickHouseError.authenticationFailed(credentials.user()));
        }
    }
}
