package io.mdbldap.store.core;

import io.mdbldap.store.dn.Dn2Id;
import io.mdbldap.store.entry.Ad2i;
import io.mdbldap.store.entry.EntryCodec;
import io.mdbldap.store.entry.Id2Entry;
import io.mdbldap.store.env.MdbEnv;
import io.mdbldap.store.env.Meta;
import io.mdbldap.store.index.Indices;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The parts of one open store that the operations (add, delete, modify, modrdn, search) work on.
 *
 * @param suffix the schema-aware suffix DN
 */
public record Tables(
    MdbEnv env,
    Meta meta,
    Ad2i ad2i,
    EntryCodec codec,
    Id2Entry id2entry,
    Dn2Id dn2id,
    Indices indices,
    SchemaManager schema,
    Dn suffix) {}
