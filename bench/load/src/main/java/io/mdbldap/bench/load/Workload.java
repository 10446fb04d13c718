package io.mdbldap.bench.load;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;

/**
 * The requests the drivers can send, each aimed at a random user of the data set bench/ldif-gen.py
 * writes ({@code uid=userI,ou=people,<suffix>}, password {@code secretI}), and each with the check
 * that its answer is the right one, so that a server answering wrongly cannot look fast. The
 * writes other than {@link #MODIFY} add and delete entries of the client's own.
 */
enum Workload {
  /** Simple bind as a random user, on a connection kept open. */
  BIND("simple bind", false) {
    @Override
    boolean run(Client client, int user) throws LDAPException {
      return succeeded(client.connection().bind(client.data().userDn(user), "secret" + user));
    }
  },
  /** A base-object search of a random user's DN, all user attributes. */
  BASE("base-object read", false) {
    @Override
    boolean run(Client client, int user) throws LDAPException {
      return count(client, client.data().userDn(user), SearchScope.BASE, PRESENT) == 1;
    }
  },
  /** A subtree search of the suffix for {@code (uid=userI)}, all user attributes. */
  EQ("uid equality search", false) {
    @Override
    boolean run(Client client, int user) throws LDAPException {
      Filter filter = Filter.createEqualityFilter("uid", "user" + user);
      return count(client, client.data().suffix(), SearchScope.SUB, filter) == 1;
    }
  },
  /**
   * A subtree search of the suffix for {@code (mail=userI@*)}: an initial substring on an indexed
   * attribute that matches exactly one entry.
   */
  SUB("indexed substring search", false) {
    @Override
    boolean run(Client client, int user) throws LDAPException {
      Filter filter = Filter.createSubstringFilter("mail", "user" + user + "@", null, null);
      return count(client, client.data().suffix(), SearchScope.SUB, filter) == 1;
    }
  },
  /** A subtree search of {@code ou=unit} for {@code (objectClass=*)}: every entry of the unit. */
  SUBTREE("subtree search", false) {
    @Override
    boolean run(Client client, int user) throws LDAPException {
      DataSet data = client.data();
      return count(client, data.unitDn(), SearchScope.SUB, PRESENT) == data.unitSize();
    }
  },
  /** Replaces a random user's description, as the suffix's rootdn. */
  MODIFY("modify (replace)", true) {
    @Override
    boolean run(Client client, int user) throws LDAPException {
      Modification replace = new Modification(ModificationType.REPLACE, "description",
          "Modified by the load driver at " + System.nanoTime());
      return succeeded(client.connection().modify(client.data().userDn(user), replace));
    }
  },
  /** Adds an inetOrgPerson of the client's own below {@code ou=people}, as the rootdn. */
  ADD("add", true) {
    @Override
    boolean run(Client client, int user) throws LDAPException {
      String uid = client.newUid();
      return succeeded(client.connection().add(client.data().peopleDn(uid),
          new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid), new Attribute("cn", "Load " + uid),
          new Attribute("sn", "Load"), new Attribute("mail", uid + "@load.example.com")));
    }
  },
  /** Deletes one of the entries the client added, as the rootdn; adds one instead if none is left. */
  DELETE("delete", true) {
    @Override
    boolean run(Client client, int user) throws LDAPException {
      String uid = client.takeAddedUid();
      return uid == null ? ADD.run(client, user) : succeeded(client.connection().delete(client.data().peopleDn(uid)));
    }
  };

  private static final Filter PRESENT = Filter.createPresenceFilter("objectClass");

  private final String title;
  private final boolean write;

  Workload(String title, boolean write) {
    this.title = title;
    this.write = write;
  }

  /** What one operation is, for tables. */
  String title() {
    return title;
  }

  /** Readies a new connection for this workload: the writes bind as the rootdn, the reads stay anonymous. */
  void prepare(LDAPConnection connection, DataSet data) throws LDAPException {
    if (write) {
      bindAsRootDn(connection, data);
    }
  }

  /**
   * Sends one request about user number {@code user} on the client's connection and waits for the
   * whole answer.
   *
   * @return whether the answer is the one the data set implies
   * @throws LDAPException if the server answered with an error or the connection failed
   */
  abstract boolean run(Client client, int user) throws LDAPException;

  static void bindAsRootDn(LDAPConnection connection, DataSet data) throws LDAPException {
    connection.bind(data.adminDn(), data.adminPassword());
  }

  private static boolean succeeded(LDAPResult result) {
    return result.getResultCode() == ResultCode.SUCCESS;
  }

  private static int count(Client client, String base, SearchScope scope, Filter filter) throws LDAPException {
    return client.connection().search(new SearchRequest(base, scope, filter)).getEntryCount();
  }
}
