package io.mdbldap.ldif.load;

import java.time.Clock;
import org.apache.directory.api.ldap.model.csn.Csn;

/**
 * entryCSN values for imported entries, as ApacheDS's CsnFactory makes them (replica 0, a change
 * count per millisecond), with the time part formatted once per second and its milliseconds
 * written in: a {@link Csn} builds a SimpleDateFormat of its own per instance, a tenth of an
 * import's reading thread when made every millisecond. The text around the count is taken from a
 * real {@link Csn}, so the format stays ApacheDS's. Not thread-safe.
 */
final class Csns {
  /** Above every six-digit hexadecimal count: its hex string has one digit too many, dropped. */
  private static final int SIX_HEX_DIGITS = 0x1000000;

  private final Clock clock;
  private long millis = Long.MIN_VALUE;
  private long second = Long.MIN_VALUE;
  /** This second's CSN with count 0, and where its milliseconds and its count start. */
  private String template;
  private int millisStart;
  private int countStart;
  private String beforeCount;
  private String afterCount;
  private int count;

  Csns(Clock clock) {
    this.clock = clock;
  }

  /** A fresh CSN: the time now, and a count that tells apart those of the same millisecond. */
  String next() {
    long now = clock.millis();
    if (now == millis) {
      count++;
    } else {
      millis = now;
      count = 0;
      startMillisecond(now);
    }
    return beforeCount + Integer.toHexString(SIX_HEX_DIGITS | count).substring(1) + afterCount;
  }

  private void startMillisecond(long now) {
    long thisSecond = Math.floorDiv(now, 1000);
    if (thisSecond != second) {
      second = thisSecond;
      template = new Csn(thisSecond * 1000, 0, 0, 0).toString();
      millisStart = template.indexOf('.') + 1;
      countStart = template.indexOf('#') + 1;
      afterCount = template.substring(countStart + 6);
    }
    String ms = Integer.toString(1000 + (int) Math.floorMod(now, 1000L)).substring(1);
    beforeCount = template.substring(0, millisStart) + ms + template.substring(millisStart + 3, countStart);
  }
}
