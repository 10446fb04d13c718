package io.mdbldap.ldif.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void showsRateShareAndTimeLeft() {
    Progress p = Progress.to(new PrintWriter(new StringWriter()), 1_000_000);
    assertEquals("50,000 entries, 10,000 entries/s, 25%, ETA 0:15", p.line(50_000, 250_000, 5_000_000_000L));
  }

  @Test
  void withoutASizeThereIsNoEta() {
    Progress p = Progress.to(new PrintWriter(new StringWriter()), 0);
    assertEquals("1,000 entries, 500 entries/s", p.line(1_000, 4_096, 2_000_000_000L));
  }

  @Test
  void printsNothingWhenNoneIsWanted() {
    StringWriter out = new StringWriter();
    Progress shown = Progress.to(new PrintWriter(out), 100);
    Progress none = Progress.none();
    none.update(10, 10);
    none.done();
    shown.done();
    assertEquals("", out.toString(), "no line was shown, so none is ended");
  }
}
