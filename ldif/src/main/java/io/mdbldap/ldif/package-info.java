/**
 * The offline tools over mdb-store, OpenLDAP's slap* tools in our terms: {@code add} (slapadd),
 * {@code cat} (slapcat), {@code index} (slapindex), {@code copy} (mdb_copy), {@code stat}
 * (mdb_stat), {@code test} (slaptest). {@link io.mdbldap.ldif.Tools} runs them on their own; the
 * {@code mdbldap} launcher registers the same commands.
 *
 * <ul>
 *   <li>{@code read}: LDIF text to schema-aware entries, every error at file:line with the DN;
 *   <li>{@code load}: the import pipeline (a reading thread, the store's bulk loader, undo);
 *   <li>{@code write}: entries to LDIF, and the export;
 *   <li>{@code cli}: the picocli commands.
 * </ul>
 */
package io.mdbldap.ldif;
