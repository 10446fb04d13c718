package io.mdbldap.ldif.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.directory.api.ldap.model.csn.Csn;
import org.junit.jupiter.api.Test;

/** The CSNs an import generates are, character for character, those ApacheDS's Csn writes. */
class CsnsTest {
  @Test
  void csnsOfOneMillisecondCountUpAsApacheDsWritesThem() {
    long millis = Instant.parse("2024-06-01T12:34:56.007Z").toEpochMilli();
    Csns csns = new Csns(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    for (int count = 0; count < 300; count++) {
      assertEquals(new Csn(millis, count, 0, 0).toString(), csns.next());
    }
  }

  @Test
  void theCountStartsAgainInTheNextMillisecond() {
    MutableClock clock = new MutableClock(Instant.parse("2023-12-31T23:59:59.999Z").toEpochMilli());
    Csns csns = new Csns(clock);
    csns.next();
    assertEquals(new Csn(clock.millis, 1, 0, 0).toString(), csns.next());
    clock.millis += 1;
    assertEquals(new Csn(clock.millis, 0, 0, 0).toString(), csns.next());
    assertEquals("20240101000000.000000Z#000001#000#000000", csns.next());
  }

  @Test
  void everyMillisecondOfASecondIsWrittenAsApacheDsWritesIt() {
    MutableClock clock = new MutableClock(Instant.parse("2024-02-29T23:59:59.000Z").toEpochMilli());
    Csns csns = new Csns(clock);
    for (int i = 0; i < 2_000; i++, clock.millis++) {
      assertEquals(new Csn(clock.millis, 0, 0, 0).toString(), csns.next());
    }
  }

  /** A clock a test moves by hand. */
  private static final class MutableClock extends Clock {
    long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
