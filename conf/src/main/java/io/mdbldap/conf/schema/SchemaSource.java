package io.mdbldap.conf.schema;

import java.util.Objects;

/**
 * Where a schema definition comes from.
 *
 * @param schemaName the ApacheDS schema the definition joins; {@link SchemaBuilder} creates it, or enables the
 *     ApacheDS built-in schema of that name, on first use
 * @param location where the definition is written, for messages (for example {@code schema/misc.schema:12})
 */
public record SchemaSource(String schemaName, String location) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the schema name is blank
     */
    public SchemaSource {
        Objects.requireNonNull(schemaName, "schemaName");
        Objects.requireNonNull(location, "location");
        if (schemaName.isBlank()) {
            throw new IllegalArgumentException("blank schema name");
        }
    }
}
