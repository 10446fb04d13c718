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
 *
 * <p>The loggers that report a client's malformed input, at WARN or ERROR and once per request, some
 * with a stack trace, are off unless DEBUG or TRACE is asked for: the LDAP API's BER and LDAP
 * decoders and value checks, ApacheDS's request handlers, abandons of unknown requests, filter
 * normalization, and binds as entries that do not exist. Any client could otherwise fill the log (issue #6); the client
 * gets the error in its LDAP result or notice of disconnection.
 */
final class Logging {
  private static final String[] THIRD_PARTY = {"org.apache.directory", "org.apache.mina"};
  private static final String[] CHATTY = {
    "org.apache.directory.server.core.DefaultDirectoryService",
    "org.apache.directory.api.ldap.model.entry.DefaultAttribute",
    "org.apache.directory.server.core.api.interceptor.context.FilteringOperationContext",
    "org.apache.directory.server.ldap.LdapProtocolHandler"
  };
  private static final String[] CLIENT_INPUT = {
    "org.apache.directory.api.asn1",
    "org.apache.directory.api.ldap.codec",
    "org.apache.directory.api.ldap.model.entry.Value",
    "org.apache.directory.api.ldap.model.entry.DefaultEntry",
    "org.apache.directory.server.ldap.handlers",
    "org.apache.directory.server.ldap.LdapSession",
    "org.apache.directory.server.core.api.normalization.FilterNormalizingVisitor",
    "org.apache.directory.server.core.normalization.NormalizationInterceptor",
    "org.apache.directory.server.core.authn.AbstractAuthenticator"
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
    for (String name : CLIENT_INPUT) {
      context.getLogger(name).setLevel(detailed ? atMostDetail(name, ours) : Level.OFF);
    }
    for (String name : SECRET_BEARING) {
      Logger logger = context.getLogger(name);
      if (detailed || logger.getLevel() != Level.OFF) {
        logger.setLevel(detailed ? Level.INFO : Level.WARN);
      }
    }
  }

  /** {@code level}, but not below INFO for a logger that prints requests with their passwords. */
  private static Level atMostDetail(String name, Level level) {
    for (String secret : SECRET_BEARING) {
      if (name.equals(secret) || name.startsWith(secret + ".")) {
        return Level.INFO;
      }
    }
    return level;
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
