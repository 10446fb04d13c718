/** Loading LDIF files into the databases of a running directory service. */
package io.mdbldap.server.load;
