package io.mdbldap.server.cli;

import io.mdbldap.conf.ListenUrls;
import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One URL of {@code serve -h} (which takes them space-separated, as slapd's {@code -h}), checked
 * and normalized as the configuration's {@code listen} URLs are ({@link ListenUrls}).
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
    try {
      return ListenUrls.parse(url);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
