package io.mdbldap.server.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One URL of {@code serve -h} (which takes them space-separated, as slapd's {@code -h}), normalized
 * as the configuration's {@code listen} normalizes its URLs: an empty host ({@code ldap:///})
 * means every interface, a missing port 389 or 636.
 */
final class ListenUrl implements ITypeConverter<URI> {
  /**
   * Parses one URL.
   *
   * @throws TypeConversionException if it is not {@code ldap://} or {@code ldaps://} with at most
   *     a host and a port
   */
  @Override
  public URI convert(String url) {
    URI uri = toUri(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
      throw new TypeConversionException("\"" + url + "\": only ldap:// and ldaps:// URLs are served");
    }
    String path = uri.getRawPath();
    boolean hostAndPortOnly = !uri.isOpaque() && uri.getRawUserInfo() == null && uri.getRawQuery() == null
        && uri.getRawFragment() == null && (path == null || path.isEmpty() || path.equals("/"))
        && (uri.getHost() != null || uri.getRawAuthority() == null);
    if (!hostAndPortOnly) {
      throw new TypeConversionException("\"" + url + "\" must be of the form " + scheme + "://host:port/");
    }
    String host = uri.getHost() == null ? "0.0.0.0" : uri.getHost();
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("ldaps") ? 636 : 389;
    return URI.create(scheme + "://" + host + ":" + port);
  }

  private static URI toUri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new TypeConversionException("\"" + url + "\" is not a URL: " + e.getReason());
    }
  }
}
