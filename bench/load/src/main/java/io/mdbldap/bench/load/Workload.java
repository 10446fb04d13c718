package io.mdbldap.bench.load;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;

/**
 * The requests the driver can send, each aimed at a random user of the data set bench/ldif-gen.py
 * writes ({@code uid=userI,ou=people,<suffix>}, password {@code secretI}), and each with the check
 * that its answer is the right one, so that a server answering wrongly cannot look fast.
 */
enum Workload {
  /** Simple bind as a random user, on a connection kept open. */
  BIND("simple bind") {
    @Override
    boolean run(LDAPConnection connection, DataSet data, int user) throws LDAPException {
      return connection.bind(data.userDn(user), "secret" + user).getResultCode() == ResultCode.SUCCESS;
    }
  },
  /** A base-object search of a random user's DN, all user attributes. */
  BASE("base-object read") {
    @Override
    boolean run(LDAPConnection connection, DataSet data, int user) throws LDAPException {
      return count(connection, new SearchRequest(data.userDn(user), SearchScope.BASE, PRESENT)) == 1;
    }
  },
  /** A subtree search of the suffix for {@code (uid=userI)}, all user attributes. */
  EQ("uid equality search") {
    @Override
    boolean run(LDAPConnection connection, DataSet data, int user) throws LDAPException {
      Filter filter = Filter.createEqualityFilter("uid", "user" + user);
      return count(connection, new SearchRequest(data.suffix(), SearchScope.SUB, filter)) == 1;
    }
  },
  /**
   * A subtree search of the suffix for {@code (mail=userI@*)}: an initial substring on an indexed
   * attribute that matches exactly one entry.
   */
  SUB("indexed substring search") {
    @Override
    boolean run(LDAPConnection connection, DataSet data, int user) throws LDAPException {
      Filter filter = Filter.createSubstringFilter("mail", "user" + user + "@", null, null);
      return count(connection, new SearchRequest(data.suffix(), SearchScope.SUB, filter)) == 1;
    }
  },
  /** A subtree search of {@code ou=unit} for {@code (objectClass=*)}: every entry of the unit. */
  SUBTREE("subtree search") {
    @Override
    boolean run(LDAPConnection connection, DataSet data, int user) throws LDAPException {
      return count(connection, new SearchRequest(data.unitDn(), SearchScope.SUB, PRESENT)) == data.unitSize();
    }
  },
  /** Replaces a random user's description, as the suffix's rootdn. */
  MODIFY("modify (replace)") {
    @Override
    void prepare(LDAPConnection connection, DataSet data) throws LDAPException {
      connection.bind(data.adminDn(), data.adminPassword());
    }

    @Override
    boolean run(LDAPConnection connection, DataSet data, int user) throws LDAPException {
      Modification replace = new Modification(ModificationType.REPLACE, "description",
          "Modified by the load driver at " + System.nanoTime());
      return connection.modify(data.userDn(user), replace).getResultCode() == ResultCode.SUCCESS;
    }
  };

  private static final Filter PRESENT = Filter.createPresenceFilter("objectClass");

  private final String title;

  Workload(String title) {
    this.title = title;
  }

  /** What one operation is, for tables. */
  String title() {
    return title;
  }

  /** Readies a new connection for this workload; most need nothing (anonymous). */
  void prepare(LDAPConnection connection, DataSet data) throws LDAPException {}

  /**
   * Sends one request about user number {@code user} and waits for the whole answer.
   *
   * @return whether the answer is the one the data set implies
   * @throws LDAPException if the server answered with an error or the connection failed
   */
  abstract boolean run(LDAPConnection connection, DataSet data, int user) throws LDAPException;

  private static int count(LDAPConnection connection, SearchRequest request) throws LDAPException {
    return connection.search(request).getEntryCount();
  }
}
