package io.mdbldap.store.model;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences the Apache LDAP API's {@code Value}, which logs an ERROR for every assertion value its
 * syntax refuses; the model test makes such assertions on purpose, thousands of times.
 */
final class Quiet {
  private Quiet() {}

  static void apacheLogs() {
    if (LoggerFactory.getLogger("org.apache.directory.api.ldap.model.entry.Value") instanceof Logger value) {
      value.setLevel(Level.OFF);
    }
  }
}
