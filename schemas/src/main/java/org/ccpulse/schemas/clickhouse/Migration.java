package org.ccpulse.schemas.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ClickHouse migration: a file {@code NNNN_name.sql} holding one statement that creates one
 * table or view. The checksum lets the migrator notice a migration edited after it was applied.
 */
public record Migration(int version, String name, String sql, String checksum) {

    private static final Pattern FILE_NAME = Pattern.compile("(\\d{4})_([a-z0-9_]+)\\.sql");

    /** Reads a migration from its file name and text; rejects names that do not follow {@code NNNN_name.sql}. */
    public static Migration of(String fileName, String sql) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "migration file " + fileName + " must be named NNNN_lower_snake_name.sql");
        }
        if (sql.isBlank()) {
            throw new IllegalArgumentException("migration file " + fileName + " is empty");
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql));
    }

    public String fileName() {
        return String.format("%04d_%s.sql", version, name);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
