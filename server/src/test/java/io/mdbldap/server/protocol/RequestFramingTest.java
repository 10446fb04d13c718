package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.Test;

/** The codec gets each request whole, alone, and in order, however the reads cut them. */
class RequestFramingTest {
  private static final HexFormat HEX = HexFormat.of();
  /** Two requests: one with a short-form length, one with a two-byte long-form length. */
  private static final byte[] SHORT = HEX.parseHex("3005020101" + "4200");
  private static final byte[] LONG = longRequest();

  private final RequestFraming framing = new RequestFraming();
  private final IoSession session = new DummySession();
  private final List<String> delivered = new ArrayList<>();
  /** The codec's side: records what each messageReceived hands it. */
  private final NextFilter next = (NextFilter) Proxy.newProxyInstance(NextFilter.class.getClassLoader(),
      new Class<?>[] {NextFilter.class}, (proxy, method, args) -> {
        if (method.getName().equals("messageReceived")) {
          IoBuffer buffer = (IoBuffer) args[1];
          byte[] bytes = new byte[buffer.remaining()];
          buffer.get(bytes);
          delivered.add(HEX.formatHex(bytes));
        }
        return null;
      });

  private static byte[] longRequest() {
    byte[] request = new byte[4 + 300];
    request[0] = 0x30;
    request[1] = (byte) 0x82;
    request[2] = 0x01;
    request[3] = 0x2c;
    Arrays.fill(request, 4, request.length, (byte) 0x04);
    return request;
  }

  private void read(byte[] bytes, int from, int to) throws Exception {
    framing.messageReceived(next, session, IoBuffer.wrap(Arrays.copyOfRange(bytes, from, to)));
  }

  @Test
  void requestsReadTogetherAreHandedOnOneByOne() throws Exception {
    byte[] both = new byte[SHORT.length + LONG.length + SHORT.length];
    System.arraycopy(SHORT, 0, both, 0, SHORT.length);
    System.arraycopy(LONG, 0, both, SHORT.length, LONG.length);
    System.arraycopy(SHORT, 0, both, SHORT.length + LONG.length, SHORT.length);
    read(both, 0, both.length);
    assertEquals(List.of(HEX.formatHex(SHORT), HEX.formatHex(LONG), HEX.formatHex(SHORT)), delivered);
  }

  @Test
  void aRequestCutAnywhereIsHandedOnOnceWhole() throws Exception {
    // Cut inside the tag and length, then inside the value, then with the next request's first byte.
    byte[] stream = new byte[LONG.length + SHORT.length];
    System.arraycopy(LONG, 0, stream, 0, LONG.length);
    System.arraycopy(SHORT, 0, stream, LONG.length, SHORT.length);
    int[] cuts = {0, 1, 3, 100, LONG.length + 1, stream.length};
    for (int i = 1; i < cuts.length; i++) {
      read(stream, cuts[i - 1], cuts[i]);
      if (cuts[i] <= LONG.length) {
        assertEquals(List.of(), delivered, "after " + cuts[i] + " bytes");
      }
    }
    assertEquals(List.of(HEX.formatHex(LONG), HEX.formatHex(SHORT)), delivered);
  }

  @Test
  void whatIsNoLdapMessageGoesToTheDecoderAsItIs() throws Exception {
    byte[] garbage = HEX.parseHex("0a0b0c");
    read(garbage, 0, garbage.length);
    assertEquals(List.of("0a0b0c"), delivered);
  }
}
