package io.mdbldap.ldif.read;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits LDIF text into records (RFC 2849): blank lines separate records, a line that starts with
 * a space continues the one before, a line that starts with {@code #} is a comment (continued
 * comments included). Each logical line keeps the number of the physical line it starts on, so
 * every later error can name it. After an error the rest of the record is skipped, so reading can
 * go on with the next one.
 */
final class RecordReader implements Closeable {
  private final LineInput in;
  private final String source;
  private boolean skipRest;

  RecordReader(LineInput in, String source) {
    this.in = in;
    this.source = source;
  }

  /** One logical line: its text with continuations joined, and the line it starts on. */
  record Spec(int line, String text) {}

  /** The next record's logical lines, or null at the end of the input. */
  List<Spec> next() throws IOException, LdifException {
    try {
      if (skipRest) {
        skipRest = false;
        skipRecord();
      }
      return record();
    } catch (LdifException e) {
      skipRest = true;
      throw e;
    }
  }

  /** Bytes read so far. */
  long consumed() {
    return in.consumed();
  }

  private List<Spec> record() throws IOException, LdifException {
    List<Spec> record = new ArrayList<>();
    Logical current = new Logical();
    for (String line = read(); line != null; line = read()) {
      if (line.isEmpty()) {
        if (current.pending() || !record.isEmpty()) {
          break;
        }
        current.comment = false;
      } else if (line.charAt(0) == ' ') {
        current.continueWith(line);
      } else {
        current.addTo(record);
        current.start(line, in.number());
      }
    }
    current.addTo(record);
    return record.isEmpty() ? null : record;
  }

  private void skipRecord() throws IOException {
    while (true) {
      try {
        String line = in.next();
        if (line == null || line.isEmpty()) {
          return;
        }
      } catch (LineInput.BadEncoding e) {
        // part of the record being skipped
      }
    }
  }

  private String read() throws IOException, LdifException {
    try {
      return in.next();
    } catch (LineInput.BadEncoding e) {
      throw new LdifException(source, in.number(), null,
          "not valid UTF-8 (values in other encodings must be base64-encoded, with \"::\")");
    }
  }

  /** The logical line being read; a StringBuilder only once a continuation line comes. */
  private final class Logical {
    private String text;
    private StringBuilder folded;
    private int start;
    private boolean comment;

    boolean pending() {
      return text != null;
    }

    void start(String line, int number) {
      comment = line.charAt(0) == '#';
      text = comment ? null : line;
      folded = null;
      start = number;
    }

    void continueWith(String line) throws LdifException {
      if (comment) {
        return;
      }
      if (text == null) {
        throw new LdifException(source, in.number(), null,
            "continuation line (starting with a space) with no line to continue");
      }
      if (folded == null) {
        folded = new StringBuilder(text.length() + line.length() * 2).append(text);
      }
      folded.append(line, 1, line.length());
    }

    void addTo(List<Spec> record) {
      if (text != null) {
        record.add(new Spec(start, folded == null ? text : folded.toString()));
      }
      text = null;
      folded = null;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
