/** Reading LDIF (RFC 2849) into schema-aware entries, streaming, with every error located at file:line and DN. */
package io.mdbldap.ldif.read;
