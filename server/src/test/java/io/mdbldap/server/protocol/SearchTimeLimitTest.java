package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.directory.api.ldap.model.cursor.CursorClosedException;
import org.apache.directory.api.ldap.model.exception.LdapTimeLimitExceededException;
import org.junit.jupiter.api.Test;

/**
 * {@link SearchTimeLimit} closes as ApacheDS's monitor does: the time limit's exception once the limit has passed
 * (which the handler turns into timeLimitExceeded), the closer's cause otherwise, the first close winning.
 */
class SearchTimeLimitTest {
  @Test
  void staysOpenBeforeItsLimit() {
    SearchTimeLimit limit = new SearchTimeLimit(3600);
    assertDoesNotThrow(limit::checkNotClosed);
    assertFalse(limit.isClosed());
  }

  @Test
  void closesWithTheTimeLimitsExceptionOnceTheLimitPassed() throws Exception {
    SearchTimeLimit limit = new SearchTimeLimit(0);
    Thread.sleep(5);
    CursorClosedException closed = assertThrows(CursorClosedException.class, limit::checkNotClosed);
    assertInstanceOf(LdapTimeLimitExceededException.class, closed.getCause());
    assertTrue(limit.isClosed());
    limit.close();
    assertInstanceOf(LdapTimeLimitExceededException.class, limit.getCause(), "the first close's cause stays");
  }

  @Test
  void anEndedSearchClosesWithTheSharedException() {
    SearchTimeLimit limit = new SearchTimeLimit(3600);
    limit.close();
    assertTrue(limit.isClosed());
    assertSame(CursorClosedException.INSTANCE, limit.getCause());
    CursorClosedException closed = assertThrows(CursorClosedException.class, limit::checkNotClosed);
    assertSame(CursorClosedException.INSTANCE, closed.getCause());
  }

  @Test
  void keepsTheClosersMessage() {
    SearchTimeLimit limit = new SearchTimeLimit(3600);
    limit.close("abandoned");
    assertTrue(assertThrows(CursorClosedException.class, limit::checkNotClosed).getMessage().contains("abandoned"));
  }
}
