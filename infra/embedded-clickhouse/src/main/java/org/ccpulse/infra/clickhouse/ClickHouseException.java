package org.ccpulse.infra.clickhouse;

/** A query failed; carries the ClickHouse error to send back to the client. */
public final class ClickHouseException extends RuntimeException {

    private final ClickHouseError error;

    public ClickHouseException(ClickHouseError error) {
        super("Code: " + error.code() + ". " + error.message());
        this.error = error;
    }

    public ClickHouseError error() {
        return error;
    }
}
