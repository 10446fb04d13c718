package io.mdbldap.conf;

/**
 * What one client may cost the server, from the global directives {@code sockbuf_max_incoming},
 * {@code sockbuf_max_incoming_auth} and {@code idletimeout} (slapd's names and defaults) and two of
 * our own, {@code max_connections} and {@code max_filter_depth}, which slapd leaves to the
 * operating system and to its BER size limit.
 *
 * @param maxIncoming the largest request, in bytes, an anonymous client may send
 * @param maxIncomingAuth the largest request, in bytes, a bound client may send
 * @param idleTimeout seconds a connection may stay silent before it is closed, 0 for never
 * @param maxConnections the most connections open at once, over all listen URLs, 0 for no limit
 * @param maxFilterDepth the deepest nesting of and, or and not a search filter may have
 */
public record ConnectionLimits(int maxIncoming, int maxIncomingAuth, int idleTimeout, int maxConnections,
        int maxFilterDepth) {

    /**
     * slapd's defaults (256 KiB - 1 anonymous, 4 MiB - 1 bound, no idle timeout); connections
     * unlimited; filters at most 256 deep, far beyond any real filter yet shallow enough for a
     * recursive walk of it.
     */
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(262_143, 4_194_303, 0, 0, 256);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a size or depth is not positive, or a count is negative
     */
    public ConnectionLimits {
        if (maxIncoming <= 0 || maxIncomingAuth <= 0 || maxFilterDepth <= 0 || idleTimeout < 0
                || maxConnections < 0) {
            throw new IllegalArgumentException("invalid connection limits: " + maxIncoming + ", " + maxIncomingAuth
                    + ", " + idleTimeout + ", " + maxConnections + ", " + maxFilterDepth);
        }
    }

    /**
     * Returns these limits with the directive {@code keyword} set to {@code value}.
     *
     * @param keyword one of the directives this record holds, lower case
     * @param value the directive's value, checked by the caller
     * @return the changed limits
     * @throws IllegalArgumentException if {@code keyword} is not one of them
     */
    ConnectionLimits with(String keyword, int value) {
        return switch (keyword) {
            case "sockbuf_max_incoming" -> new ConnectionLimits(value, maxIncomingAuth, idleTimeout, maxConnections,
                    maxFilterDepth);
            case "sockbuf_max_incoming_auth" -> new ConnectionLimits(maxIncoming, value, idleTimeout, maxConnections,
                    maxFilterDepth);
            case "idletimeout" -> new ConnectionLimits(maxIncoming, maxIncomingAuth, value, maxConnections,
                    maxFilterDepth);
            case "max_connections" -> new ConnectionLimits(maxIncoming, maxIncomingAuth, idleTimeout, value,
                    maxFilterDepth);
            case "max_filter_depth" -> new ConnectionLimits(maxIncoming, maxIncomingAuth, idleTimeout,
                    maxConnections, value);
            default -> throw new IllegalArgumentException("not a connection limit: " + keyword);
        };
    }
}
