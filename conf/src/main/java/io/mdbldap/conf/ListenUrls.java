package io.mdbldap.conf;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks and normalizes listen URLs, of the {@code listen} directive and of {@code serve -h}: {@code ldap://host:port}
 * or {@code ldaps://host:port}. As in slapd's {@code -h} option, an empty host ({@code ldap:///}) means every
 * interface and a missing port means 389 or 636; the normalized URL always has both.
 */
public final class ListenUrls {

    private ListenUrls() {
    }

    /**
     * Parses one listen URL.
     *
     * @param url the URL as written
     * @return the URL with scheme, host and port, and nothing else
     * @throws IllegalArgumentException if the URL is malformed, not ldap or ldaps, or has user info, a path, a query
     *     or a fragment; the message quotes the URL
     */
    public static URI parse(String url) {
        URI uri = toUri(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new IllegalArgumentException("unsupported URL \"" + url + "\": only ldap:// and ldaps:// are served");
        }
        if (!hasOnlyHostAndPort(uri)) {
            throw new IllegalArgumentException("URL \"" + url + "\" must be of the form " + scheme + "://host:port/");
        }
        String host = uri.getHost() == null ? "0.0.0.0" : uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("ldaps") ? 636 : 389;
        return URI.create(scheme + "://" + host + ":" + port);
    }

    /** As {@link #parse(String)}, with errors reported at {@code directive}. */
    static URI parse(Directive directive, String value) throws ConfigException {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw directive.error("%s", e.getMessage());
        }
    }

    private static boolean hasOnlyHostAndPort(URI uri) {
        String path = uri.getRawPath();
        return !uri.isOpaque() && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                && uri.getRawFragment() == null && (path == null || path.isEmpty() || path.equals("/"))
                && (uri.getHost() != null || uri.getRawAuthority() == null);
    }

    private static URI toUri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL \"" + url + "\": " + e.getReason(), e);
        }
    }
}
