package org.ccpulse.infra;

/**
 * Where Kafka clients connect: a bootstrap server list {@code host:port[,host:port...]}.
 * Every instance is well-formed, so a typo in an address fails here rather than deep inside a client.
 */
public record KafkaEndpoint(String bootstrapServers) {

    public KafkaEndpoint {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be host:port[,host:port...], got nothing");
        }
        bootstrapServers = bootstrapServers.strip();
        for (String server : bootstrapServers.split(",", -1)) {
            requireHostAndPort(server, bootstrapServers);
        }
    }

    private static void requireHostAndPort(String server, String whole) {
        String trimmed = server.strip();
        int colon = trimmed.lastIndexOf(':'); // last, so that an IPv6 literal like [::1]:9092 works
        if (colon <= 0 || !isPort(trimmed.substring(colon + 1))) {
            throw new IllegalArgumentException("bootstrap servers must be host:port[,host:port...], got '" + whole
                    + "' ('" + trimmed + "' is not host:port)");
        }
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535;
    }
}
