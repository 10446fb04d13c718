package io.mdbldap.server.protocol;

import java.util.List;
import java.util.Set;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.InterceptorEnum;
import org.apache.directory.server.core.api.OperationEnum;

/**
 * The interceptors a plain search ({@link PlainSearches}) goes through on the short path: the directory's search
 * chain without those that do nothing for it. What each left-out interceptor does on a search, and why that is
 * nothing here:
 *
 * <ul>
 *   <li>the paged-results workaround: resyncs entries after a paged search steps back; no paging here;
 *   <li>authentication: refuses anonymous requesters when anonymous access is off, and enforces password policy;
 *       {@link PlainSearches} takes neither case;
 *   <li>the naming-contexts interceptor: hides internal contexts from the root DSE; the base is in a database;
 *   <li>referrals: there are none in the database;
 *   <li>default authorization: hides {@code ou=system} entries, which a database search never returns;
 *   <li>subentries and collective attributes: nothing to hide or add without subentries;
 *   <li>events: nothing on reads.
 * </ul>
 *
 * Kept, in the directory's order: the extensible-match expansion and normalization of the filter, the access
 * rules, the base's existence check, the operational attributes and the schema's attribute selection. The list is
 * made once, after the directory has started; immutable and thread-safe from then on.
 */
final class DirectSearchChain {
  /** Names as the chain's interceptors carry them; ours are looked up by their classes' names. */
  private static final Set<String> LEFT_OUT = Set.of(
      "mdbldapPagedResultsWorkaround",
      InterceptorEnum.AUTHENTICATION_INTERCEPTOR.getName(),
      "mdbldapNamingContextsInterceptor",
      InterceptorEnum.REFERRAL_INTERCEPTOR.getName(),
      InterceptorEnum.DEFAULT_AUTHORIZATION_INTERCEPTOR.getName(),
      InterceptorEnum.SUBENTRY_INTERCEPTOR.getName(),
      InterceptorEnum.COLLECTIVE_ATTRIBUTE_INTERCEPTOR.getName(),
      InterceptorEnum.EVENT_INTERCEPTOR.getName());

  private final DirectoryService directory;
  private volatile List<String> names;

  DirectSearchChain(DirectoryService directory) {
    this.directory = directory;
  }

  /** The interceptors' names, for {@code OperationContext.setInterceptors}. */
  List<String> names() {
    List<String> made = names;
    if (made == null) {
      made = directory.getInterceptors(OperationEnum.SEARCH).stream().filter(name -> !LEFT_OUT.contains(name))
          .toList();
      names = made;
    }
    return made;
  }
}
