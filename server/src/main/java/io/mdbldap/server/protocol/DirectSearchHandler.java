package io.mdbldap.server.protocol;

import io.mdbldap.backend.MdbPartition;
import io.mdbldap.server.directory.MvccOperationManager;
import io.mdbldap.store.search.SearchStart;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.apache.directory.api.ldap.model.cursor.Cursor;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.exception.OperationAbandonedException;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchResultDone;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.directory.api.ldap.model.message.SearchResultEntryImpl;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.ldap.LdapSession;
import org.apache.directory.server.ldap.handlers.LdapRequestHandler;
import org.apache.directory.server.ldap.handlers.SearchAbandonListener;
import org.apache.directory.server.ldap.handlers.request.SearchRequestHandler;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers plain searches of an LDAP database ({@link PlainSearches}) on a short path, as {@link SimpleBindHandler}
 * does for binds, and hands every other search to ApacheDS's {@link SearchRequestHandler}.
 *
 * <p>A search costs ApacheDS's handler and interceptor chain a few times what it costs the partition: for a base
 * read at 100,000 entries 0.059 ms of server CPU against slapd's 0.033, spread flat over the layers. On the short
 * path the search skips the handler's referral handling (there are no referrals in the database), and runs
 * through only the interceptors that do something for it ({@link DirectSearchChain}): the filter's normalization,
 * the base's existence check, the access rules, the operational attributes and the schema's attribute
 * selection, the same objects as on ApacheDS's path, so the answer is the same. The commonest searches, base
 * reads of whole entries and {@code (uid=jdoe)} among them, skip the operation manager and the chain too
 * ({@link NativeSearch}), and go through the same interceptors' code per entry. The results are written, the
 * limits applied and abandon honoured as ApacheDS's handler does, the entries gathered into fewer writes
 * ({@link EntryBatch}); ApacheDS's own {@code handleException} turns an error into the result, matchedDN included.
 *
 * <p>One difference is known: an entry with a {@code ref} attribute that is no referral object (an
 * extensibleObject) goes out as an entry, where ApacheDS's handler would send the values as a continuation
 * reference; a referral object keeps the whole database on ApacheDS's path ({@link PlainSearches}).
 *
 * <p>{@code -Dmdbldap.search.direct=false} turns the short path off (for comparisons; not a user option).
 * Thread-safe.
 */
final class DirectSearchHandler extends LdapRequestHandler<SearchRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(DirectSearchHandler.class);
  /** From the system property, read once; the differential test flips it to answer the same requests both ways. */
  static volatile boolean enabled = !"false".equals(System.getProperty("mdbldap.search.direct"));
  /** How many searches took the short path: tests check that it is taken. */
  static final LongAdder ANSWERED = new LongAdder();
  /** How many of those ran without the operation manager ({@link NativeSearch}). */
  static final LongAdder NATIVE = new LongAdder();
  /** How many of those went on from the start {@link ShortSearches} made as it told the search short. */
  static final LongAdder PREPARED = new LongAdder();

  private final SearchRequestHandler fallback = new SearchRequestHandler();
  private final PlainSearches plain;
  private final DirectSearchChain chain;
  private final NativeSearch natives;

  DirectSearchHandler(DirectoryService directory, NativeSearch natives) {
    this.plain = new PlainSearches(directory);
    this.chain = new DirectSearchChain(directory);
    this.natives = natives;
  }

  /** Also gives ApacheDS's handler the server, which {@code LdapServer.setSearchHandlers} gives this one only. */
  void attach(LdapServer server) {
    fallback.setLdapServer(server);
  }

  @Override
  public void handle(LdapSession session, SearchRequest request) throws Exception {
    MdbPartition partition = enabled ? plain.partition(session, request) : null;
    if (partition == null) {
      fallback.handle(session, request);
      return;
    }
    ANSWERED.increment();
    session.registerOutstandingRequest(request);
    try {
      search(session, request, partition);
    } catch (Exception e) {
      // As ApacheDS's handler ends a search that fails: result code, message and matchedDN from the exception.
      LOG.debug("direct search of {} failed: {}", request.getBase(), e.toString());
      fallback.handleException(session, request, e);
    } finally {
      session.unregisterOutstandingRequest(request);
    }
  }

  private void search(LdapSession session, SearchRequest request, MdbPartition partition) throws Exception {
    NativeSearch.Found found = start(session.getCoreSession(), request, partition);
    Cursor<Entry> cursor = found.cursor();
    EntryBatch batch = new EntryBatch(session.getIoSession());
    try {
      session.registerSearchRequest(request, cursor);
      cursor.beforeFirst();
      request.addAbandonListener(new SearchAbandonListener(getLdapServer(), cursor));
      if (request.getTimeLimit() > 0) {
        cursor.setClosureMonitor(new SearchTimeLimit(request.getTimeLimit()));
      }
      writeResults(session, request, found, request.getSizeLimit() == 0 ? Long.MAX_VALUE : request.getSizeLimit(),
          batch);
    } catch (Exception e) {
      // What was read before a failure (a time limit) goes out before the error's result, as ApacheDS's handler
      // sent it already.
      batch.flush();
      throw e;
    } finally {
      if (!cursor.isClosed()) {
        cursor.close();
      }
    }
    batch.end((SearchResultDone) request.getResultResponse());
  }

  /** The search natively ({@link NativeSearch}) if it can be, else through the short interceptor chain. */
  private NativeSearch.Found start(CoreSession core, SearchRequest request, MdbPartition partition) throws Exception {
    ShortSearches.ShortSearch running = ShortSearches.take(request);
    Optional<SearchOperationContext> natively =
        natives.context(core, request, running == null ? null : running.filter());
    if (natively.isPresent()) {
      NATIVE.increment();
      SearchStart prepared = running == null ? null : running.start();
      if (prepared != null) {
        PREPARED.increment();
      }
      return MvccOperationManager.readOutside(core.getDirectoryService().getOperationManager(),
          () -> natives.start(partition, natively.get(), prepared));
    }
    orReferrals(request, core.getDirectoryService().getAtProvider().getObjectClass());
    SearchOperationContext ctx = new SearchOperationContext(core, request);
    ctx.setInterceptors(chain.names());
    return new NativeSearch.Found(core.getDirectoryService().getOperationManager().search(ctx),
        NativeSearch.EntryCheck.AS_IS);
  }

  /**
   * Adds {@code (objectClass=referral)} to the filter with an or, as ApacheDS's handler does to find the referrals to
   * return as references (except for {@code (objectClass=*)}). There are none here, but the term still counts: a
   * filter of undefined terms alone gives an empty result at once, even for a missing base, which with the term
   * is noSuchObject.
   */
  private static void orReferrals(SearchRequest request, AttributeType objectClass) throws LdapException {
    ExprNode filter = request.getFilter();
    if (filter instanceof PresenceNode presence && isObjectClass(presence.getAttribute())) {
      return;
    }
    request.setFilter(new OrNode(filter,
        new EqualityNode<String>(objectClass, new Value(objectClass, SchemaConstants.REFERRAL_OC))));
  }

  static boolean isObjectClass(String attribute) {
    return SchemaConstants.OBJECT_CLASS_AT.equalsIgnoreCase(attribute)
        || SchemaConstants.OBJECT_CLASS_AT_OID.equals(attribute);
  }

  /**
   * Sends the entries up to the size limit through {@code batch}, which keeps the last ones for the result, then tells
   * sizeLimitExceeded if there is one more, as ApacheDS's handler (slapd's semantics: a limit of n returns n entries,
   * and the error only if more match).
   */
  private static void writeResults(LdapSession session, SearchRequest request, NativeSearch.Found found,
      long sizeLimit, EntryBatch batch) throws Exception {
    IoSession io = session.getIoSession();
    long count = 0;
    Entry entry;
    while (count < sizeLimit && (entry = next(found)) != null) {
      if (io.isClosing()) {
        return;
      }
      if (request.isAbandoned()) {
        found.cursor().close(new OperationAbandonedException());
        return;
      }
      batch.add(response(session, request, entry));
      count++;
    }
    LdapResult result = request.getResultResponse().getLdapResult();
    if (result.getResultCode() == null) {
      result.setResultCode(ResultCodeEnum.SUCCESS);
    }
    // ApacheDS's handler steps the cursor back over the entry too many, for nothing, as the search ends: without the
    // paged-results workaround, which the short path leaves out, the step back fails on a typesOnly entry.
    if (count >= sizeLimit && next(found) != null) {
      result.setResultCode(ResultCodeEnum.SIZE_LIMIT_EXCEEDED);
    }
  }

  /** The next entry the search returns, or null at its end. */
  private static Entry next(NativeSearch.Found found) throws Exception {
    while (found.cursor().next()) {
      Entry entry = found.check().returned(found.cursor().get());
      if (entry != null) {
        return entry;
      }
    }
    return null;
  }

  private static SearchResultEntry response(LdapSession session, SearchRequest request, Entry entry) {
    SearchResultEntry response = new SearchResultEntryImpl(request.getMessageId());
    response.setEntry(entry);
    response.setObjectName(entry.getDn());
    if (session.getCoreSession().getDirectoryService().isPasswordHidden()) {
      response.getEntry().removeAttributes("userPassword");
    }
    return response;
  }
}
