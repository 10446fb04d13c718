/**
 * The directory inside a JVM, for tests: {@link io.mdbldap.server.embedded.EmbeddedDirectory}
 * starts the same server as {@code mdbldap serve} on a free port, loads LDIF fixtures, and goes
 * back to the fixture state between tests by restoring a copy of the LMDB file.
 */
package io.mdbldap.server.embedded;
