package org.ccpulse.infra.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The users the server accepts, from a spec like {@code default:,alice:s3cret} (user:password,
 * comma-separated), and which of them may only read. chDB logs every connection in as ClickHouse
 * user {@code default}, so these users are checked here, and what each may do is enforced per
 * request by the role it gets ({@link EngineConfig}) and the {@link QueryGuard}.
 */
final class Users {

    static final String DEFAULT_SPEC = "default:";

    /** What an authenticated user may do. */
    enum Access {
        FULL,
        READ_ONLY
    }

    private final Map<String, byte[]> passwords;
    private final Set<String> readOnly;

    private Users(Map<String, byte[]> passwords, Set<String> readOnly) {
        this.passwords = passwords;
        this.readOnly = readOnly;
    }

    static Users parse(String spec) {
        return parse(spec, "");
    }

    /** {@code readOnlyNames}: comma-separated names from {@code spec} that may only read. */
    static Users parse(String spec, String readOnlyNames) {
        Map<String, byte[]> passwords = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("user entry must be name:password (password may be empty)");
            }
            passwords.put(
                    entry.substring(0, colon).strip(),
                    entry.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException("no users configured");
        }
        Set<String> readOnly = new HashSet<>();
        for (String name : readOnlyNames.split(",")) {
            if (!name.isBlank()) {
                if (!passwords.containsKey(name.strip())) {
                    throw new IllegalArgumentException("read-only user " + name.strip() + " is not among the users");
                }
                readOnly.add(name.strip());
            }
        }
        return new Users(Map.copyOf(passwords), Set.copyOf(readOnly));
    }

    /** @throws ClickHouseException AUTHENTICATION_FAILED (516) for an unknown user or a wrong password */
    Access authenticate(HttpQuery.Credentials credentials) {
        byte[] expected = passwords.get(credentials.user());
        byte[] given = credentials.password().getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(expected, given)) {
            throw new ClickHouseException(ClickHouseError.authenticationFailed(credentials.user()));
        }
        return readOnly.contains(credentials.user()) ? Access.READ_ONLY : Access.FULL;
    }
}
