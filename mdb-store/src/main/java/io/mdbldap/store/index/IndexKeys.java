package io.mdbldap.store.index;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.codec.language.Metaphone;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Derives index keys from normalized values and from filter assertions. Every kind of an
 * attribute shares its sub-database, kept apart by the first byte:
 *
 * <pre>
 * 'P'                       presence
 * '=' value                 equality and ordering: the value in an order-preserving form,
 *                           exact when at most {@value #EXACT_MAX} bytes, otherwise its first
 *                           {@value #EXACT_MAX} bytes and 8 bytes of its SHA-256
 * '^' prefix                subinitial: the first 2..4 chars of the substring-normalized value
 * '$' suffix                subfinal: the last 2..4 chars
 * '*' window                subany: every window of 4 chars
 * '~' code                  approx: the Metaphone code of each word
 * </pre>
 *
 * <p>Order-preserving forms: integers as sign, length and digits (negatives complemented); other
 * human-readable values in CESU-8, whose byte order is Java's {@code String.compareTo} order (UTF-8
 * would sort supplementary characters after U+E000..U+FFFF); binary values as they are. So for
 * syntaxes with an ordering rule, {@code >=} and {@code <=} are range scans over '=' keys. Hashed
 * and truncated keys only add false positives, which the filter test that follows every index
 * lookup removes.
 */
public final class IndexKeys {
  public static final byte PRESENCE = 'P';
  public static final byte EQUALITY = '=';
  public static final byte SUBINITIAL = '^';
  public static final byte SUBFINAL = '$';
  public static final byte SUBANY = '*';
  public static final byte APPROX = '~';

  static final int EXACT_MAX = 100;
  static final int SUB_LEN = 4;
  static final int SUB_MIN = 2;
  private static final int HASH_BYTES = 8;
  private static final String INTEGER_SYNTAX = "1.3.6.1.4.1.1466.115.121.1.27";
  private static final byte[] PRESENCE_KEY = {PRESENCE};
  private static final Metaphone METAPHONE = new Metaphone();

  private IndexKeys() {}

  public static byte[] presence() {
    return PRESENCE_KEY;
  }

  /** The equality key of a human-readable value, given its equality-normalized form. */
  public static byte[] equality(AttributeType type, String normalized) {
    boolean integer = isInteger(type);
    return exactOrHashed(EQUALITY, integer ? integerForm(normalized) : cesu8(normalized));
  }

  /** The same key as {@link #equality(AttributeType, String)}, into {@code out}. */
  static void equality(AttributeType type, String normalized, KeySink out) {
    if (isInteger(type)) {
      out.add(equality(type, normalized));
      return;
    }
    byte[] utf8 = out.utf8(normalized);
    if (utf8.length == normalized.length()) {
      out.add(EQUALITY, utf8, 0, utf8.length);
    } else {
      out.add(EQUALITY, normalized, 0, normalized.length());
    }
  }

  private static boolean isInteger(AttributeType type) {
    return INTEGER_SYNTAX.equals(type.getSyntaxOid());
  }

  /** The equality key of a binary value. */
  public static byte[] equality(byte[] value) {
    return exactOrHashed(EQUALITY, value);
  }

  /**
   * The part of an equality key that range scans compare: the key without its hash, so that all
   * values sharing a truncated prefix fall inside the range (as false positives at worst).
   */
  public static byte[] rangeBound(byte[] equalityKey) {
    return equalityKey.length > 1 + EXACT_MAX ? Arrays.copyOf(equalityKey, 1 + EXACT_MAX) : equalityKey;
  }

  /**
   * Substring keys of a substring-normalized value, for the kinds requested, into {@code keys}. An
   * ASCII value (most are) is encoded once and its windows copied, not encoded window by window.
   */
  public static void substrings(String normalized, boolean initial, boolean any, boolean fin, KeySink keys) {
    byte[] utf8 = keys.utf8(normalized);
    // Its bytes when it is ASCII, a byte a character; else the windows are cut from the string.
    byte[] ascii = utf8.length == normalized.length() ? utf8 : null;
    int n = normalized.length();
    for (int k = SUB_MIN; k <= Math.min(SUB_LEN, n); k++) {
      if (initial) {
        window(keys, ascii, normalized, SUBINITIAL, 0, k);
      }
      if (fin) {
        window(keys, ascii, normalized, SUBFINAL, n - k, n);
      }
    }
    if (any) {
      for (int i = 0; i + SUB_LEN <= n; i++) {
        window(keys, ascii, normalized, SUBANY, i, i + SUB_LEN);
      }
    }
  }

  /**
   * One key of the value {@link #substrings} works on: its characters {@code [from..to)}. A method,
   * not a lambda made per value: under C1, the offline tools' compiler, making a capturing lambda
   * is a call into the JVM.
   */
  private static void window(KeySink keys, byte[] ascii, String normalized, byte kind, int from, int to) {
    if (ascii != null) {
      keys.add(kind, ascii, from, to);
    } else {
      keys.add(kind, normalized, from, to);
    }
  }

  /** The subinitial key for an initial assertion, or null if it is too short to have one. */
  public static byte[] initialKey(String piece) {
    return piece.length() < SUB_MIN ? null : prefixed(SUBINITIAL, piece.substring(0, Math.min(SUB_LEN, piece.length())));
  }

  /** The subfinal key for a final assertion, or null if it is too short to have one. */
  public static byte[] finalKey(String piece) {
    int n = piece.length();
    return n < SUB_MIN ? null : prefixed(SUBFINAL, piece.substring(n - Math.min(SUB_LEN, n)));
  }

  /** Subany keys for any piece of an assertion: every window, the ends always included. */
  public static List<byte[]> anyKeys(String piece) {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i + SUB_LEN <= piece.length(); i += 2) {
      keys.add(prefixed(SUBANY, piece.substring(i, i + SUB_LEN)));
    }
    if (piece.length() >= SUB_LEN && (piece.length() - SUB_LEN) % 2 != 0) {
      keys.add(prefixed(SUBANY, piece.substring(piece.length() - SUB_LEN)));
    }
    return keys;
  }

  /** Approx keys: one per word of the equality-normalized value. */
  public static List<byte[]> approx(String normalized) {
    List<byte[]> keys = new ArrayList<>();
    for (String code : phoneticWords(normalized)) {
      keys.add(approxKey(code));
    }
    return keys;
  }

  /** The approx key of one phonetic code. */
  public static byte[] approxKey(String code) {
    return exactOrHashed(APPROX, cesu8(code));
  }

  /**
   * The phonetic code of each word, in order: Metaphone for words it can code, otherwise the word
   * itself (Metaphone knows only Latin letters).
   */
  public static List<String> phoneticWords(String normalized) {
    List<String> codes = new ArrayList<>();
    for (String word : normalized.trim().split("\\s+")) {
      if (!word.isEmpty()) {
        String code = METAPHONE.metaphone(word);
        codes.add(code == null || code.isEmpty() ? word.toLowerCase(Locale.ROOT) : code);
      }
    }
    return codes;
  }

  private static byte[] prefixed(byte kind, String piece) {
    return prefixed(kind, piece, 0, piece.length());
  }

  /** The key of {@code s[from..to)}, written straight into the key array when it needs no hash (a bulk load makes millions). */
  static byte[] prefixed(byte kind, String s, int from, int to) {
    int n = cesu8Length(s, from, to);
    if (n > EXACT_MAX) {
      return hashed(kind, s, from, to);
    }
    byte[] key = new byte[1 + n];
    key[0] = kind;
    writeCesu8(s, from, to, key, 1);
    return key;
  }

  /** The key of {@code ascii[from..to)}, bytes that are ASCII characters (and so their own CESU-8). */
  static byte[] prefixed(byte kind, byte[] ascii, int from, int to) {
    if (to - from > EXACT_MAX) {
      return exactOrHashed(kind, Arrays.copyOfRange(ascii, from, to));
    }
    byte[] key = new byte[1 + to - from];
    key[0] = kind;
    System.arraycopy(ascii, from, key, 1, to - from);
    return key;
  }

  /** The key of a piece too long to be kept exact ({@link #EXACT_MAX}). */
  static byte[] hashed(byte kind, String s, int from, int to) {
    return exactOrHashed(kind, cesu8(s.substring(from, to)));
  }

  private static byte[] exactOrHashed(byte kind, byte[] body) {
    int len = body.length <= EXACT_MAX ? body.length : EXACT_MAX + HASH_BYTES;
    ByteBuffer key = ByteBuffer.allocate(1 + len).put(kind);
    if (body.length <= EXACT_MAX) {
      key.put(body);
    } else {
      key.put(body, 0, EXACT_MAX).put(sha256(body), 0, HASH_BYTES);
    }
    return key.array();
  }

  /** Sign, length and digits, so that byte order is numeric order. */
  static byte[] integerForm(String normalized) {
    boolean negative = normalized.startsWith("-");
    String digits = negative ? normalized.substring(1) : normalized;
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
      return cesu8(normalized);
    }
    if (digits.equals("0")) {
      return new byte[] {0x02};
    }
    ByteBuffer b = ByteBuffer.allocate(3 + digits.length());
    b.put(negative ? (byte) 0x01 : (byte) 0x03);
    b.putShort((short) (negative ? ~digits.length() : digits.length()));
    for (int i = 0; i < digits.length(); i++) {
      byte d = (byte) digits.charAt(i);
      b.put(negative ? (byte) ~d : d);
    }
    return b.array();
  }

  /** CESU-8: UTF-8 applied to each UTF-16 code unit, so byte order equals String order. */
  static byte[] cesu8(String s) {
    byte[] out = new byte[cesu8Length(s, 0, s.length())];
    writeCesu8(s, 0, s.length(), out, 0);
    return out;
  }

  static int cesu8Length(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return n;
  }

  static void writeCesu8(String s, int from, int to, byte[] out, int at) {
    int o = at;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[o++] = (byte) c;
      } else if (c < 0x800) {
        out[o++] = (byte) (0xC0 | (c >> 6));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      } else {
        out[o++] = (byte) (0xE0 | (c >> 12));
        out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
