package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.model.message.SearchResultDone;
import org.apache.directory.api.ldap.model.message.SearchResultDoneImpl;

/**
 * A search's last encoded entries ({@link EntryBatch}) and its result, written to the connection as one message:
 * {@link LdapCodec} encodes them into one buffer, so a one-entry search, the commonest, costs one walk of the write
 * chain and one socket write instead of two. On the way it is the search's {@link SearchResultDone}, whose result
 * it shares: {@link SlapdResults} fixes that result, and ApacheDS's handler takes it as sent like any other.
 * Immutable but for the shared result.
 */
final class EntriesThenDone extends SearchResultDoneImpl {
  private static final long serialVersionUID = 1L;

  private final transient byte[] entries;
  private final transient SearchResultDone done;

  /** {@code entries}, whole encoded LDAP messages, followed by {@code done}. */
  EntriesThenDone(byte[] entries, SearchResultDone done) {
    super(done.getMessageId());
    this.entries = entries;
    this.done = done;
    this.ldapResult = done.getLdapResult();
  }

  /** The encoded entries, sent before the result. */
  byte[] entries() {
    return entries;
  }

  /** The result as the search made it (its controls included), to encode after the entries. */
  SearchResultDone done() {
    return done;
  }
}
