package io.mdbldap.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging of the {@code mdbldap} process: Logback to standard error, at the level of the
 * configuration's {@code loglevel}. Set up in code rather than by a logback.xml, which would also
 * configure every application that embeds the server.
 *
 * <p>ApacheDS and MINA report their internals at INFO; they are held at WARN unless the
 * configuration asks for DEBUG or TRACE. A few of their loggers are held at ERROR, as their
 * warnings are not the operator's to act on:
 * <ul>
 *   <li>DefaultDirectoryService, at every start: no shutdown hook of its own (the server stops it
 *       itself) and uid=admin,ou=system's default password (binds under ou=system are refused);
 *   <li>DefaultAttribute, at every start: the root DSE lists some controls twice;
 *   <li>FilteringOperationContext, at every search that asks for an attribute the schema lacks,
 *       and LdapProtocolHandler, at every connection a client drops or a request that arrives
 *       while the server stops: the client's business.
 * </ul>
 *
 * <p>The loggers that print requests as decoded (the LDAP codec and its ASN.1 decoder, the request
 * handlers, ApacheDS's operation log and authentication interceptor) never go below INFO: at DEBUG
 * they print every add, modify, bind and Password Modify, passwords included, in text or in hex.
 */
final class Logging {
  private static final String[] THIRD_PARTY = {"org.apache.directory", "org.apache.mina"};
  private static final String[] CHATTY = {
    "org.apache.directory.server.core.DefaultDirectoryService",
    "org.apache.directory.api.ldap.model.entry.DefaultAttribute",
    "org.apache.directory.server.core.api.interceptor.context.FilteringOperationContext",
    "org.apache.directory.server.ldap.LdapProtocolHandler"
  };

  private static final String[] SECRET_BEARING = {
    "org.apache.directory.api.CODEC_LOG",
    "org.apache.directory.server.OPERATION_LOG",
    "org.apache.directory.api.asn1",
    "org.apache.directory.api.ldap.codec",
    "org.apache.directory.api.ldap.extras",
    "org.apache.directory.server.ldap.handlers",
    "org.apache.directory.server.core.authn"
  };

  private static boolean configured;

  private Logging() {}

  /** Replaces Logback's default set-up with ours, at {@code level}. Called once, first thing in main. */
  static synchronized void configure(org.slf4j.event.Level level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    root(context).addAppender(standardError(context));
    configured = true;
    setLevel(level);
  }

  /**
   * For the offline tools: warnings and errors only, and nothing from the Apache LDAP API, which logs
   * each value it refuses at ERROR; the tools report those themselves, with file and line.
   */
  static synchronized void configureForTools() {
    configure(org.slf4j.event.Level.WARN);
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.apache.directory.api").setLevel(Level.OFF);
  }

  /** Sets the level, from the configuration's loglevel; does nothing unless {@link #configure} ran. */
  static synchronized void setLevel(org.slf4j.event.Level level) {
    if (!configured) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Level ours = Level.toLevel(level.name());
    root(context).setLevel(ours);
    boolean detailed = !ours.isGreaterOrEqual(Level.INFO);
    for (String name : THIRD_PARTY) {
      context.getLogger(name).setLevel(detailed ? ours : Level.WARN);
    }
    for (String name : CHATTY) {
      context.getLogger(name).setLevel(detailed ? ours : Level.ERROR);
    }
    for (String name : SECRET_BEARING) {
      context.getLogger(name).setLevel(detailed ? Level.INFO : Level.WARN);
    }
  }

  private static Logger root(LoggerContext context) {
    return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static ConsoleAppender<ILoggingEvent> standardError(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
