package io.mdbldap.ldif.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The physical lines of a UTF-8 input, with their numbers: LF or CRLF ends a line. Decoding is
 * strict and per line, so a line that is not valid UTF-8 is reported (with its number) and
 * skipped, and the next line reads normally. Counts the bytes consumed, for progress reports.
 */
final class LineInput implements Closeable {
  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private long consumed;
  private int number;

  LineInput(InputStream in) {
    this.in = in;
  }

  /** Thrown for a line that is not valid UTF-8; the line is consumed. */
  static final class BadEncoding extends Exception {
    private static final long serialVersionUID = 1L;

    BadEncoding() {
      super(null, null, false, false);
    }
  }

  /**
   * The next line without its terminator, or null at the end of the input.
   *
   * @throws BadEncoding if the line is not valid UTF-8 ({@link #number()} is its number)
   */
  String next() throws IOException, BadEncoding {
    int end = findNewline();
    if (end < 0) {
      return null;
    }
    number++;
    int start = pos;
    int next = end < limit ? end + 1 : end;
    consumed += next - start;
    pos = next;
    int stop = end > start && buf[end - 1] == '\r' ? end - 1 : end;
    return decode(start, stop);
  }

  /** The number of the line {@link #next()} returned or rejected last. */
  int number() {
    return number;
  }

  /** Bytes read so far, terminators included. */
  long consumed() {
    return consumed;
  }

  /** Index of the line's '\n' (or of the end of the data for a last line without one); -1 at the end. */
  private int findNewline() throws IOException {
    int scanned = pos;
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buf[i] == '\n') {
          return i;
        }
      }
      if (eof) {
        return limit > pos ? limit : -1;
      }
      scanned = limit - pos;
      fill();
      scanned += pos;
    }
  }

  /** Moves the unread bytes to the front (growing the buffer for long lines) and reads more. */
  private void fill() throws IOException {
    int unread = limit - pos;
    if (unread == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else {
      System.arraycopy(buf, pos, buf, 0, unread);
    }
    pos = 0;
    limit = unread;
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  private String decode(int start, int stop) throws BadEncoding {
    for (int i = start; i < stop; i++) {
      if (buf[i] < 0) {
        try {
          return utf8.decode(ByteBuffer.wrap(buf, start, stop - start)).toString();
        } catch (CharacterCodingException e) {
          throw new BadEncoding();
        }
      }
    }
    // ASCII, the common case: no decoder needed.
    return new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
