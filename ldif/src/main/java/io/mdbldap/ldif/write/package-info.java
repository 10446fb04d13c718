/** LDIF export (slapcat): entries to RFC 2849 text that OpenLDAP's slapadd and ours both load. */
package io.mdbldap.ldif.write;
