package io.mdbldap.server.interop;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a server answers to one raw PDU, in a form two servers' answers can be compared in:
 * {@code result N} (the result code of the operation's final response, search entries skipped),
 * {@code notice of disconnection N}, {@code disconnected}, or {@code no answer}.
 */
final class RawAnswer {
  /** The tags of responses that end an operation: bind, search done, modify, add, delete, modDN, compare, extended. */
  private static final Set<Integer> FINAL_RESPONSES = Set.of(0x61, 0x65, 0x67, 0x69, 0x6b, 0x6d, 0x6f, 0x78);
  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int SEGMENT_PAUSE_MILLIS = 20;

  private RawAnswer() {}

  /** Sends {@code pdus} on a new connection to {@code port} and describes the answer to the last one. */
  static String of(int port, byte[]... pdus) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String answer = "no answer";
      for (byte[] pdu : pdus) {
        try {
          out.write(pdu);
          out.flush();
        } catch (SocketException e) {
          // The server closed while the PDU was still being sent: what it said first is still there.
          return read(in);
        }
        answer = read(in);
      }
      return answer;
    }
  }

  /**
   * Sends {@code writes} on a new connection to {@code port}, each in a TCP segment of its own (with a
   * pause after each, for the server to read it before the next comes), then describes the next
   * {@code answers} answers, in order.
   */
  static List<String> ofWrites(int port, int answers, byte[]... writes) throws IOException, InterruptedException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      for (byte[] write : writes) {
        out.write(write);
        out.flush();
        Thread.sleep(SEGMENT_PAUSE_MILLIS);
      }
      DataInputStream in = new DataInputStream(socket.getInputStream());
      List<String> read = new ArrayList<>();
      for (int i = 0; i < answers; i++) {
        read.add(read(in));
      }
      return read;
    }
  }

  private static String read(DataInputStream in) throws IOException {
    try {
      while (true) {
        byte[] message = tlvValue(in);
        DataInputStream fields = new DataInputStream(new ByteArrayInputStream(message));
        int messageId = (int) integer(tlvValue(fields));
        int tag = fields.readUnsignedByte();
        if (!FINAL_RESPONSES.contains(tag)) {
          continue;
        }
        byte[] operation = value(fields);
        // The operation starts with its resultCode: ENUMERATED, length 1, the code.
        int code = operation[2] & 0xff;
        return messageId == 0 ? "notice of disconnection " + code : "result " + code;
      }
    } catch (EOFException | SocketException e) {
      return "disconnected";
    } catch (SocketTimeoutException e) {
      return "no answer";
    }
  }

  /** Reads a tag and returns the value it heads. */
  private static byte[] tlvValue(DataInputStream in) throws IOException {
    in.readUnsignedByte();
    return value(in);
  }

  private static byte[] value(DataInputStream in) throws IOException {
    int first = in.readUnsignedByte();
    long length = first;
    if (first >= 0x80) {
      length = 0;
      for (int n = first & 0x7f; n > 0; n--) {
        length = (length << 8) | in.readUnsignedByte();
      }
    }
    byte[] value = new byte[(int) length];
    in.readFully(value);
    return value;
  }

  private static long integer(byte[] bytes) {
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xff);
    }
    return value;
  }
}
