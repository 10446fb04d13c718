package io.mdbldap.conf;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks and normalizes the URLs of {@code listen}: {@code ldap://host:port} or {@code ldaps://host:port}. As in
 * slapd's {@code -h} option, an empty host ({@code ldap:///}) means every interface and a missing port means 389 or
 * 636; the normalized URL always has both.
 */
final class ListenUrls {

    private ListenUrls() {
    }

    /**
     * Parses one listen URL.
     *
     * @param directive the {@code listen} directive, for errors
     * @param value the URL as written
     * @return the URL with scheme, host and port, and nothing else
     * @throws ConfigException if the URL is malformed, not ldap or ldaps, or has user info, a path, a query or a
     *     fragment
     */
    static URI parse(Directive directive, String value) throws ConfigException {
        URI uri = toUri(directive, value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw directive.error("unsupported URL \"%s\": only ldap:// and ldaps:// are served", value);
        }
        if (!hasOnlyHostAndPort(uri)) {
            throw directive.error("URL \"%s\" must be of the form %s://host:port/", value, scheme);
        }
        String host = uri.getHost() == null ? "0.0.0.0" : uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("ldaps") ? 636 : 389;
        return URI.create(scheme + "://" + host + ":" + port);
    }

    private static boolean hasOnlyHostAndPort(URI uri) {
        String path = uri.getRawPath();
        return !uri.isOpaque() && uri.getRawUserInfo() == null && uri.getRawQuery() == null
                && uri.getRawFragment() == null && (path == null || path.isEmpty() || path.equals("/"))
                && (uri.getHost() != null || uri.getRawAuthority() == null);
    }

    private static URI toUri(Directive directive, String value) throws ConfigException {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw directive.error("invalid URL \"%s\": %s", value, e.getReason());
        }
    }
}
