package io.mdbldap.conf.schema;

import java.io.IOException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapSchemaException;
import org.apache.directory.api.ldap.model.exception.LdapSchemaExceptionCodes;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.LdapSyntax;
import org.apache.directory.api.ldap.model.schema.LoggingSchemaErrorHandler;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.SchemaObject;
import org.apache.directory.api.ldap.model.schema.parsers.OpenLdapSchemaParser;
import org.apache.directory.api.ldap.model.schema.registries.DefaultSchema;
import org.apache.directory.api.ldap.model.schema.registries.Registries;
import org.apache.directory.api.ldap.model.schema.registries.Schema;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the schema a configuration describes: ApacheDS's enabled built-in schemas (system, core, cosine,
 * inetorgperson, collective, java, krb5kdc, pwdpolicy, other and the apache ones ApacheDS itself needs), then the
 * OpenLDAP-format definitions ({@code objectidentifier}, {@code attributetype}, {@code objectclass}) of the
 * configuration and its {@code .schema} files, in order.
 *
 * <p>How the two meet:
 * <ul>
 *   <li>A definition whose OID ApacheDS already defines, as the same kind of element, is skipped and ApacheDS's
 *       definition kept: core, cosine, inetorgperson and nis overlap almost completely with ApacheDS's own, whose
 *       definitions carry the syntax checkers and normalizers the server needs. Where slapd's built-in definition
 *       of such a type has an ORDERING rule that ApacheDS's lacks ({@code uidNumber}, {@code gidNumber}), the rule
 *       is added ({@link SlapdOrderingLoader}).</li>
 *   <li>Every other definition is added to the ApacheDS schema named by its {@link SchemaSource}. If that name is a
 *       disabled ApacheDS built-in schema (nis, corba, autofs, dhcp, mozilla, samba, rfc2307bis, apachedns), that
 *       schema is enabled first, which is how {@code nis.schema} finds the NIS syntaxes and matching rules.</li>
 *   <li>A definition is checked when it is added, as slapd checks it: its syntax, matching rules, superiors and
 *       attributes must be known by then. Beyond slapd, ApacheDS refuses names it already uses (for example its
 *       internal {@code changeType} and {@code privateKey}) and an attribute both required and allowed by an object
 *       class. An OID that the configuration defines twice is an error.</li>
 *   <li>OpenLDAP's authz syntax and {@code authzMatch} rule, which slapd has built in and dyngroup.schema uses, are
 *       added to schema "openldap"; their values are compared exactly.</li>
 * </ul>
 *
 * <p>One known gap: ApacheDS's whole-registry check ({@code Registries.checkRefInteg}) wrongly reports multiple
 * inheritance that meets again, such as openldap.schema's {@code OpenLDAPperson} (SUP pilotPerson $ inetOrgPerson),
 * as a cycle. The class loads and works, but changing the schema at run time through ApacheDS's ou=schema would be
 * refused while it is loaded. Cycles cannot arise here, since superiors must exist before a class is defined.
 *
 * <p>A builder is used once: feed it definitions, then call {@link #build()}. It is not thread-safe.
 */
public final class SchemaBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaBuilder.class);

    /** Where the LDAP API's schema parser says it stopped. */
    private static final Pattern POSITION = Pattern.compile("\\(line \\d+, col (\\d+)\\)");

    /** The schema that slapd's built-in definitions missing from ApacheDS join. */
    private static final SchemaSource SLAPD_BUILT_IN = new SchemaSource("openldap", "slapd built-in");

    /** The builder {@link #prefetchBuiltInSchemas()} started, until a {@link #withBuiltInSchemas()} call takes it. */
    private static final AtomicReference<FutureTask<SchemaBuilder>> PREFETCHED = new AtomicReference<>();

    private final DefaultSchemaManager manager;
    private final CollectingErrorHandler errors;
    private final OpenLdapSchemaParser parser = new OpenLdapSchemaParser();
    private final OidMacros macros = new OidMacros();
    private final Map<String, String> definedAt = new HashMap<>();

    private SchemaBuilder(DefaultSchemaManager manager, CollectingErrorHandler errors) {
        this.manager = manager;
        this.errors = errors;
        // Quirks mode accepts what slapd accepts and the strict parser rejects, such as quoted OIDs.
        parser.setQuirksMode(true);
    }

    /**
     * Starts from a new {@code DefaultSchemaManager} with ApacheDS's enabled built-in schemas loaded, plus slapd's
     * authz syntax and matching rule. This takes about a second in a cold JVM, a fifth of that once warm; the first
     * call after {@link #prefetchBuiltInSchemas()} takes the builder that call started instead.
     *
     * @return the builder
     * @throws IllegalStateException if the built-in schemas do not load, which means a broken class path (for example
     *     without api-ldap-extras-aci, whose syntax checker the built-in "apache" schema names)
     */
    public static SchemaBuilder withBuiltInSchemas() {
        FutureTask<SchemaBuilder> ahead = PREFETCHED.getAndSet(null);
        return ahead == null ? loadBuiltInSchemas() : taken(ahead);
    }

    /**
     * Starts building, on a daemon thread of its own, the builder that the next {@link #withBuiltInSchemas()} call
     * returns: a command-line process calls this first thing, so that loading the built-in schemas (most of the time
     * to read a configuration) overlaps the start of its command line, which the other core would otherwise idle
     * through. A failure is thrown by that call, as if it had loaded them itself; a process that never makes the call
     * only spent the thread's time.
     */
    public static void prefetchBuiltInSchemas() {
        FutureTask<SchemaBuilder> ahead = new FutureTask<>(SchemaBuilder::loadBuiltInSchemas);
        if (PREFETCHED.compareAndSet(null, ahead)) {
            Thread loading = new Thread(ahead, "schema-load");
            loading.setDaemon(true);
            loading.start();
        }
    }

    private static SchemaBuilder taken(FutureTask<SchemaBuilder> ahead) {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the ApacheDS built-in schemas", e);
        } catch (ExecutionException e) {
            // Loading declares no checked exception: what it threw is unchecked, and is thrown on as it was.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    private static SchemaBuilder loadBuiltInSchemas() {
        long start = System.nanoTime();
        CollectingErrorHandler errors = new CollectingErrorHandler();
        try {
            DefaultSchemaManager manager = new DefaultSchemaManager(SlapdOrderingLoader.builtInSchemas());
            manager.setErrorHandler(errors);
            if (!manager.loadAllEnabled()) {
                throw new IllegalStateException("cannot load the ApacheDS built-in schemas: " + errors.summary());
            }
            SchemaBuilder builder = new SchemaBuilder(manager, errors);
            builder.addSlapdBuiltIns();
            LOG.debug("built-in schemas loaded in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return builder;
        } catch (LdapException | IOException e) {
            throw new IllegalStateException("cannot load the ApacheDS built-in schemas: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the schema as built so far, for looking definitions up while the configuration is read.
     *
     * @return the schema manager being built
     */
    public SchemaManager schemaManager() {
        return manager;
    }

    /**
     * Defines an OID macro: {@code objectidentifier <name> <oid>}.
     *
     * @param name the macro name
     * @param oid a numeric OID, or the use of an earlier macro ({@code name} or {@code name:suffix})
     * @throws LdapSchemaException if the name is invalid, the OID unknown, or the name already stands for another OID
     */
    public void objectIdentifier(String name, String oid) throws LdapSchemaException {
        macros.define(name, oid);
    }

    /**
     * Adds an attribute type: the text after {@code attributetype}.
     *
     * @param description the RFC 4512 description; its OID and {@code SYNTAX} may be macro uses
     * @param source where the definition comes from
     * @throws LdapSchemaException if the definition is malformed, refers to something unknown, or reuses an OID or
     *     a name
     */
    public void attributeType(String description, SchemaSource source) throws LdapSchemaException {
        AttributeType type = parse(parser::parseAttributeType, description);
        String syntax = type.getSyntaxOid() == null ? null : macros.resolve(type.getSyntaxOid());
        if (syntax != null) {
            type.setSyntaxOid(syntax);
        }
        register(type, source);
    }

    /**
     * Adds an object class: the text after {@code objectclass}.
     *
     * @param description the RFC 4512 description; its OID may be a macro use
     * @param source where the definition comes from
     * @throws LdapSchemaException if the definition is malformed, refers to something unknown, or reuses an OID or
     *     a name
     */
    public void objectClass(String description, SchemaSource source) throws LdapSchemaException {
        ObjectClass objectClass = parse(parser::parseObjectClass, description);
        register(objectClass, source);
        checkMayIsNotMust(objectClass);
    }

    /**
     * Hands the schema over, with ApacheDS's default error handling restored. The builder must not be used
     * afterwards.
     *
     * @return the schema manager, ready for ApacheDS
     */
    public DefaultSchemaManager build() {
        manager.setErrorHandler(new LoggingSchemaErrorHandler());
        settleHumanReadableFlags();
        return manager;
    }

    /**
     * Records on every syntax whether it is human-readable. A syntax that does not say
     * (X-NOT-HUMAN-READABLE) is, but it finds that out anew on each call, upper-casing the
     * extension's name and looking it up; and the API asks once for every value it builds or adds
     * to an attribute, a tenth of the server's work on a large search. Done here, before the
     * schema is shared with other threads, since the flag's two fields are plain ones.
     */
    private void settleHumanReadableFlags() {
        for (LdapSyntax syntax : manager.getLdapSyntaxRegistry()) {
            boolean humanReadable = syntax.isHumanReadable();
            syntax.unlock();
            syntax.setHumanReadable(humanReadable);
            syntax.lock();
        }
    }

    private void addSlapdBuiltIns() throws LdapSchemaException {
        LdapSyntax authz = new LdapSyntax("1.3.6.1.4.1.4203.666.2.7", "OpenLDAP authz");
        MatchingRule authzMatch = new MatchingRule("1.3.6.1.4.1.4203.666.4.12");
        authzMatch.setNames("authzMatch");
        authzMatch.setSyntaxOid(authz.getOid());
        for (SchemaObject object : new SchemaObject[] {authz, authzMatch}) {
            if (existing(object.getOid()) == null) {
                object.setSchemaName(schemaFor(SLAPD_BUILT_IN));
                add(object);
            }
        }
    }

    private <T extends SchemaObject> T parse(DescriptionParser<T> parse, String description)
            throws LdapSchemaException {
        String expanded = macros.expandLeadingOid(description);
        try {
            return parse.parse(expanded);
        } catch (ParseException e) {
            throw new LdapSchemaException(ApiMessages.plain(e.getMessage()) + near(e.getMessage(), expanded));
        }
    }

    /** Quotes the text where the parser stopped, as its column counts in the joined directive, not the file. */
    private static String near(String message, String text) {
        Matcher position = POSITION.matcher(message == null ? "" : message);
        int column = position.find() ? Integer.parseInt(position.group(1)) : 0;
        if (column <= 0 || column >= text.length()) {
            return "";
        }
        String rest = text.substring(column).strip();
        return " near \"" + (rest.length() > 30 ? rest.substring(0, 30) + "..." : rest) + "\"";
    }

    private void register(SchemaObject object, SchemaSource source) throws LdapSchemaException {
        String earlier = definedAt.get(object.getOid());
        if (earlier != null) {
            throw failure(object, "OID already defined at " + earlier);
        }
        // First, as enabling a built-in schema may define the object.
        String schemaName = schemaFor(source);
        SchemaObject existing = existing(object.getOid());
        if (existing != null) {
            keepExisting(object, existing, source);
            return;
        }
        object.setSchemaName(schemaName);
        add(object);
        definedAt.put(object.getOid(), source.location());
    }

    private SchemaObject existing(String oid) throws LdapSchemaException {
        try {
            return manager.getGlobalOidRegistry().contains(oid) ? manager.getGlobalOidRegistry().getSchemaObject(oid)
                    : null;
        } catch (LdapException e) {
            throw wrap(e);
        }
    }

    private static void keepExisting(SchemaObject object, SchemaObject existing, SchemaSource source)
            throws LdapSchemaException {
        if (existing.getObjectType() != object.getObjectType()) {
            throw failure(object, "OID already used by " + kind(existing) + " " + existing.getName());
        }
        LOG.debug("{}: {} {} is already defined by ApacheDS schema {}; keeping that definition",
                source.location(), kind(object), object.getName(), existing.getSchemaName());
    }

    private void add(SchemaObject object) throws LdapSchemaException {
        errors.reset();
        Registries registries = manager.getRegistries();
        try {
            registries.add(object, false);
        } catch (LdapException e) {
            throw failure(object, ApiMessages.plain(e.getMessage()));
        }
        // Resolves and checks this object's references only. DefaultSchemaManager.add would clone and re-check the
        // whole registries for every object (about 30 ms each, minutes for a large schema file).
        registries.buildReference(object);
        if (errors.wasError()) {
            throw failure(object, errors.summary());
        }
    }

    /** The one check of ApacheDS's whole-registry check that adding an object class does not make. */
    private static void checkMayIsNotMust(ObjectClass objectClass) throws LdapSchemaException {
        Set<AttributeType> required = new HashSet<>();
        addRequired(objectClass, required);
        for (AttributeType allowed : objectClass.getMayAttributeTypes()) {
            if (required.contains(allowed)) {
                throw failure(objectClass, "attribute " + allowed.getName()
                        + " is both required (MUST) and allowed (MAY), which ApacheDS refuses");
            }
        }
    }

    private static void addRequired(ObjectClass objectClass, Set<AttributeType> required) {
        required.addAll(objectClass.getMustAttributeTypes());
        for (ObjectClass superior : objectClass.getSuperiors()) {
            addRequired(superior, required);
        }
    }

    /**
     * Returns the name of the schema a definition joins, creating it, or enabling the ApacheDS built-in schema of
     * that name, on first use. This loads "relaxed": DefaultSchemaManager's strict load and enable re-check the whole
     * registries first and would fail on the false cycle a diamond-shaped class (see above) reports; the errors of
     * the load are checked here instead, without that false one.
     */
    private String schemaFor(SchemaSource source) throws LdapSchemaException {
        String name = source.schemaName().toLowerCase(Locale.ROOT);
        Schema schema = manager.getLoadedSchema(name);
        if (schema != null && schema.isEnabled()) {
            return name;
        }
        LOG.debug("{}: {} schema {}", source.location(), schema == null ? "creating" : "enabling ApacheDS", name);
        Schema loading = schema == null ? new DefaultSchema(null, name) : schema;
        loading.enable();
        errors.reset();
        try {
            manager.loadWithDepsRelaxed(loading);
        } catch (LdapException e) {
            throw wrap(e);
        } finally {
            manager.getRegistries().setStrict();
        }
        errors.forget(LdapSchemaExceptionCodes.OC_CYCLE_CLASS_HIERARCHY);
        if (errors.wasError()) {
            throw new LdapSchemaException("cannot load schema " + name + ": " + errors.summary());
        }
        return name;
    }

    private static LdapSchemaException wrap(LdapException e) {
        LdapSchemaException failure = new LdapSchemaException(ApiMessages.plain(e.getMessage()));
        failure.initCause(e);
        return failure;
    }

    private static LdapSchemaException failure(SchemaObject object, String reason) {
        String name = object.getName() == null ? object.getOid()
                : "\"" + object.getName() + "\" (" + object.getOid() + ")";
        return new LdapSchemaException(name + ": " + reason);
    }

    private static String kind(SchemaObject object) {
        return object.getObjectType().name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** One of the LDAP API parser's {@code parseXxx(String)} methods. */
    @FunctionalInterface
    private interface DescriptionParser<T> {
        T parse(String description) throws ParseException;
    }
}
