package io.mdbldap.bench.load;

/**
 * What the driver knows of the data bench/ldif-gen.py wrote: the suffix, the number of users, the
 * size of the {@code ou=unit} subtree, and the suffix's rootdn for writes.
 *
 * @param suffix the suffix, as {@code dc=example,dc=com}
 * @param users how many {@code uid=userI,ou=people} entries there are (I from 0)
 * @param unitSize how many entries the {@code ou=unit} subtree holds, itself included
 * @param adminDn the rootdn, which the modify workload binds as
 * @param adminPassword its password
 */
record DataSet(String suffix, int users, int unitSize, String adminDn, String adminPassword) {
  String userDn(int user) {
    return peopleDn("user" + user);
  }

  /** The DN of the entry with this uid below {@code ou=people}. */
  String peopleDn(String uid) {
    return "uid=" + uid + ",ou=people," + suffix;
  }

  String unitDn() {
    return "ou=unit," + suffix;
  }
}
