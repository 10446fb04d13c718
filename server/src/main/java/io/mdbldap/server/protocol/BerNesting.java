package io.mdbldap.server.protocol;

import java.nio.ByteBuffer;

/**
 * Follows the BER element structure of one connection's incoming bytes, across reads, to check
 * the shape of each request before any of it is decoded. Two things in the LDAP API's decoder
 * would otherwise take the server down: it turns a search filter into a tree recursively, so a
 * filter nested thousands deep overflows its stack; and it allocates each value at the length
 * its header claims, so a ten-byte request claiming 2 GiB exhausts the heap (its own size limit
 * counts only the bytes received). Reads tags and lengths only and skips values, so it costs
 * next to nothing.
 *
 * <p>Refuses, by returning false: elements nested deeper than the maximum; a request claiming
 * more bytes than the connection may send, or an element claiming more than the element around
 * it holds; and what LDAP never sends (RFC 4511 section 5.1), indefinite lengths and lengths of
 * more than four bytes. Not thread-safe: MINA delivers one connection's reads one at a time.
 */
final class BerNesting {
  private enum State { TAG, TAG_MORE, LENGTH, LENGTH_MORE, VALUE }

  private final int maxDepth;
  /** Where, in the connection's byte stream, each open constructed element ends. */
  private final long[] ends;
  private int depth;
  /** The position in the connection's byte stream of the next byte to scan. */
  private long offset;
  private State state = State.TAG;
  private boolean constructed;
  private int lengthBytes;
  private long length;
  private long valueEnd;
  /** The longest request the connection may send now; binds change it. */
  private int maxLength;

  BerNesting(int maxDepth) {
    this.maxDepth = maxDepth;
    this.ends = new long[maxDepth];
  }

  /**
   * Scans the bytes between the buffer's position and limit, leaving the buffer as it was.
   *
   * @param maxRequest the longest request, in bytes, the connection may send
   * @return false if an element nests too deep or claims a length it may not have
   */
  boolean scan(ByteBuffer buffer, int maxRequest) {
    maxLength = maxRequest;
    int i = buffer.position();
    while (i < buffer.limit()) {
      if (state == State.VALUE) {
        int skip = (int) Math.min(valueEnd - offset, buffer.limit() - i);
        i += skip;
        offset += skip;
        if (offset == valueEnd) {
          endElement();
        }
        continue;
      }
      int b = buffer.get(i++) & 0xff;
      offset++;
      if (!scanHeader(b)) {
        return false;
      }
    }
    return true;
  }

  private boolean scanHeader(int b) {
    switch (state) {
      case TAG -> {
        constructed = (b & 0x20) != 0;
        state = (b & 0x1f) == 0x1f ? State.TAG_MORE : State.LENGTH;
      }
      case TAG_MORE -> state = (b & 0x80) == 0 ? State.LENGTH : State.TAG_MORE;
      case LENGTH -> {
        if (b < 0x80) {
          return element(b);
        }
        lengthBytes = b & 0x7f;
        length = 0;
        state = State.LENGTH_MORE;
        return lengthBytes >= 1 && lengthBytes <= 4;
      }
      case LENGTH_MORE -> {
        length = (length << 8) | b;
        return --lengthBytes > 0 || element(length);
      }
      default -> throw new IllegalStateException(state.toString());
    }
    return true;
  }

  /** A header has been read: open a constructed element, or skip a primitive one's value. */
  private boolean element(long valueLength) {
    long room = depth == 0 ? maxLength : ends[depth - 1] - offset;
    if (valueLength > room) {
      return false;
    }
    if (constructed) {
      if (depth == maxDepth) {
        return false;
      }
      ends[depth++] = offset + valueLength;
      endElement();
    } else if (valueLength > 0) {
      valueEnd = offset + valueLength;
      state = State.VALUE;
    } else {
      endElement();
    }
    return true;
  }

  /** The next byte starts a tag; the constructed elements that end here are closed. */
  private void endElement() {
    state = State.TAG;
    while (depth > 0 && offset >= ends[depth - 1]) {
      depth--;
    }
  }
}
