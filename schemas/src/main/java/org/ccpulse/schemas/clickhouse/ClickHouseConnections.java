package org.ccpulse.schemas.clickhouse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections to ClickHouse from an HTTP or JDBC address; one place for the URL rules. */
public final class ClickHouseConnections {

    private ClickHouseConnections() {}

    /** {@code http://host:port[/db]} becomes {@code jdbc:clickhouse:http://host:port[/db]}; JDBC URLs pass through. */
    public static String jdbcUrl(String address) {
        if (address.startsWith("jdbc:")) {
            return address;
        }
        if (address.startsWith("http://") || address.startsWith("https://")) {
            return "jdbc:clickhouse:" + address;
        }
        throw new IllegalArgumentException(
                "ClickHouse address must start with http://, https:// or jdbc:clickhouse: but was " + address);
    }

    public static Connection open(String address, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password == null ? "" : password);
        return DriverManager.getConnection(jdbcUrl(address), props);
    }
}
