package io.mdbldap.conf.schema;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;

/** A prefetched builder is taken once, whole; the calls after it build their own again. */
class SchemaPrefetchTest {

    @Test
    void theNextCallTakesThePrefetchedBuilderAndTheOneAfterBuildsItsOwn() throws Exception {
        SchemaBuilder.prefetchBuiltInSchemas();
        SchemaBuilder prefetched = SchemaBuilder.withBuiltInSchemas();
        SchemaBuilder own = SchemaBuilder.withBuiltInSchemas();

        assertNotSame(prefetched.schemaManager(), own.schemaManager());
        for (SchemaBuilder builder : new SchemaBuilder[] {prefetched, own}) {
            // The built-in schemas and slapd's authz rule are there, and the builder still takes definitions.
            builder.attributeType("( 1.3.6.1.4.1.99999.1 NAME 'prefetchTest' SUP name )",
                    new SchemaSource("other", "test"));
            SchemaManager schema = builder.build();
            assertNotNull(schema.lookupAttributeTypeRegistry("mail"));
            assertNotNull(schema.lookupMatchingRuleRegistry("authzMatch"));
            assertNotNull(schema.lookupAttributeTypeRegistry("prefetchTest"));
        }
    }
}
