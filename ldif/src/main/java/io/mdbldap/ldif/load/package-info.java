/**
 * LDIF import (slapadd): entries read and prepared (schema check, operational attributes) on one
 * thread, written by the store's bulk loader on another, taken back on failure.
 */
package io.mdbldap.ldif.load;
