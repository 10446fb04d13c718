package io.mdbldap.server.directory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.Normalizer;
import org.apache.directory.api.ldap.model.schema.PrepareString;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.normalizers.ObjectIdentifierNormalizer;

/**
 * The normalizer of OID values ({@code objectIdentifierMatch}: objectClass values and the like), remembering its
 * answers. The Apache LDAP API's looks a name up as an attribute type first, and for any other name, such as the
 * object class {@code person}, builds an exception with a formatted message before it tries the object classes.
 * ApacheDS ORs {@code (objectClass=referral)} into every search filter, so that cost a tenth of a uid search's
 * time.
 *
 * <p>Only successful answers are kept, and at most {@link #CAPACITY}: names come from the schema, but numeric OIDs
 * from clients could be anything. Thread-safe.
 */
final class KnownOids extends Normalizer {
  private static final long serialVersionUID = 1L;
  static final int CAPACITY = 4096;

  private final Normalizer lookup;
  private final Map<String, String> known = new ConcurrentHashMap<>();

  private KnownOids(Normalizer lookup) {
    super(lookup.getOid());
    this.lookup = lookup;
  }

  /** Puts one in front of every OID normalizer of {@code schemaManager}'s matching rules. */
  static void install(SchemaManager schemaManager) {
    for (MatchingRule rule : schemaManager.getMatchingRuleRegistry()) {
      if (rule.getNormalizer() instanceof ObjectIdentifierNormalizer lookup) {
        // Matching rules are locked once loaded; the schema is not in use yet.
        rule.unlock();
        rule.setNormalizer(new KnownOids(lookup));
        rule.lock();
      }
    }
  }

  @Override
  public String normalize(String value) throws LdapException {
    String normalized = known.get(value);
    if (normalized == null) {
      normalized = lookup.normalize(value);
      if (normalized != null && known.size() < CAPACITY) {
        known.put(value, normalized);
      }
    }
    return normalized;
  }

  /** As the API's OID normalizer: the kind of assertion makes no difference to an OID. */
  @Override
  public String normalize(String value, PrepareString.AssertionType assertionType) throws LdapException {
    return normalize(value);
  }
}
