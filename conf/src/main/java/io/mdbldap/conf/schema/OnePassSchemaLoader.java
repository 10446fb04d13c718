package io.mdbldap.conf.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.schema.registries.AbstractSchemaLoader;
import org.apache.directory.api.ldap.model.schema.registries.Schema;
import org.apache.directory.api.ldap.schema.loader.JarLdifSchemaLoader;

/**
 * ApacheDS's built-in schemas, read as {@link JarLdifSchemaLoader} reads them, but in one pass over the jar that
 * holds them. JarLdifSchemaLoader lists its 1,300 LDIF files by scanning every jar of the class path, then has the
 * class loader look each one up among all of them: most of a cold start's schema time. Here the jar is opened once,
 * its {@code schema/ou=schema/} files are read into one LDIF text per schema, and a schema's text is parsed when the
 * schema is first loaded, so that the disabled schemas cost only their bytes.
 *
 * <p>Thread-safe once built.
 */
final class OnePassSchemaLoader extends AbstractSchemaLoader {
    private static final String ROOT = "schema/ou=schema/";

    /** Schema name to the LDIF of its objects, each file's {@code version:} line dropped. */
    private final Map<String, String> objectsLdif;
    /** Schema name to its objects by container ({@code ou=attributetypes}...), once parsed. */
    private final Map<String, Map<String, List<Entry>>> parsed = new ConcurrentHashMap<>();

    private OnePassSchemaLoader(Map<String, String> objectsLdif) {
        this.objectsLdif = objectsLdif;
    }

    /**
     * Reads the schemas from the jar holding {@code JarLdifSchemaLoader}, usually api-ldap-schema-data's; empty if
     * that class does not come from a jar file (a nested or exploded one), for which JarLdifSchemaLoader remains.
     *
     * @throws IOException if the jar cannot be read
     * @throws LdapException if a schema's LDIF is invalid
     */
    static Optional<OnePassSchemaLoader> fromSchemaJar() throws IOException, LdapException {
        Optional<Path> jar = jarOf(JarLdifSchemaLoader.class);
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        Map<String, StringBuilder> objects = new HashMap<>();
        StringBuilder schemas = new StringBuilder();
        try (ZipFile zip = new ZipFile(jar.get().toFile(), StandardCharsets.UTF_8)) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(ROOT + "cn=") || !name.endsWith(".ldif")) {
                    continue;
                }
                // cn=<schema>.ldif describes a schema; cn=<schema>/ou=<kind>/<object>.ldif one object of it.
                String[] path = name.substring(ROOT.length()).split("/");
                if (path.length == 1) {
                    appendRecord(schemas, zip, entry);
                } else if (path.length == 3) {
                    appendRecord(objects.computeIfAbsent(schemaName(path[0]), k -> new StringBuilder()), zip, entry);
                }
            }
        }
        Map<String, String> texts = new HashMap<>();
        objects.forEach((schema, text) -> texts.put(schema, text.toString()));
        OnePassSchemaLoader loader = new OnePassSchemaLoader(texts);
        for (Entry schema : parse(schemas.toString())) {
            Schema described = loader.getSchema(schema);
            if (described == null) {
                throw new LdapException("not a schema description in " + jar.get() + ": " + schema.getDn());
            }
            loader.schemaMap.put(described.getSchemaName(), described);
        }
        return Optional.of(loader);
    }

    private static Optional<Path> jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(location.toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String schemaName(String rdn) {
        return rdn.substring(rdn.indexOf('=') + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Appends one file's record, from its {@code dn:} line: what comes before (a {@code version:} line, comments)
     * would begin a record of its own in the middle of a text.
     */
    private static void appendRecord(StringBuilder ldif, ZipFile zip, ZipEntry entry) throws IOException {
        String text;
        try (InputStream in = zip.getInputStream(entry)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int dn = text.startsWith("dn:") ? 0 : text.indexOf("\ndn:") + 1;
        if (dn == 0 && !text.startsWith("dn:")) {
            throw new IOException("no dn: line in " + entry.getName());
        }
        ldif.append(text, dn, text.length()).append("\n\n");
    }

    /** The entries of {@code ldif}, read by the Apache LDAP API's reader. */
    private static List<Entry> parse(String ldif) throws LdapException {
        List<Entry> entries = new ArrayList<>();
        if (ldif.isEmpty()) {
            return entries; // a schema without objects: the reader would log a warning for an empty text
        }
        try (LdifReader reader = new LdifReader(new StringReader(ldif))) {
            for (LdifEntry entry : reader) {
                entries.add(entry.getEntry());
            }
        } catch (IOException e) {
            throw new LdapException("cannot read the built-in schemas: " + e.getMessage(), e);
        }
        return entries;
    }

    /** The objects of {@code schemas} under {@code container} ({@code ou=attributetypes}...), parsed on first use. */
    private List<Entry> objects(String container, Schema... schemas) throws LdapException {
        List<Entry> found = new ArrayList<>();
        if (schemas == null) {
            return found;
        }
        for (Schema schema : schemas) {
            found.addAll(containers(schema.getSchemaName()).getOrDefault(container, List.of()));
        }
        return found;
    }

    private Map<String, List<Entry>> containers(String schemaName) throws LdapException {
        Map<String, List<Entry>> byContainer = parsed.get(schemaName);
        if (byContainer != null) {
            return byContainer;
        }
        byContainer = new HashMap<>();
        for (Entry entry : parse(objectsLdif.getOrDefault(schemaName, ""))) {
            // m-oid=<oid>,ou=<container>,cn=<schema>,ou=schema
            String container = entry.getDn().getRdn(1).getNormName().toLowerCase(Locale.ROOT);
            byContainer.computeIfAbsent(container, k -> new ArrayList<>()).add(entry);
        }
        parsed.putIfAbsent(schemaName, byContainer);
        return parsed.get(schemaName);
    }

    @Override
    public List<Entry> loadComparators(Schema... schemas) throws LdapException {
        return objects("ou=comparators", schemas);
    }

    @Override
    public List<Entry> loadSyntaxCheckers(Schema... schemas) throws LdapException {
        return objects("ou=syntaxcheckers", schemas);
    }

    @Override
    public List<Entry> loadNormalizers(Schema... schemas) throws LdapException {
        return objects("ou=normalizers", schemas);
    }

    @Override
    public List<Entry> loadMatchingRules(Schema... schemas) throws LdapException {
        return objects("ou=matchingrules", schemas);
    }

    @Override
    public List<Entry> loadSyntaxes(Schema... schemas) throws LdapException {
        return objects("ou=syntaxes", schemas);
    }

    @Override
    public List<Entry> loadAttributeTypes(Schema... schemas) throws LdapException, IOException {
        return SlapdOrderingLoader.withSlapdOrderings(objects("ou=attributetypes", schemas));
    }

    @Override
    public List<Entry> loadMatchingRuleUses(Schema... schemas) throws LdapException {
        return objects("ou=matchingruleuse", schemas);
    }

    @Override
    public List<Entry> loadNameForms(Schema... schemas) throws LdapException {
        return objects("ou=nameforms", schemas);
    }

    @Override
    public List<Entry> loadDitContentRules(Schema... schemas) throws LdapException {
        return objects("ou=ditcontentrules", schemas);
    }

    @Override
    public List<Entry> loadDitStructureRules(Schema... schemas) throws LdapException {
        return objects("ou=ditstructurerules", schemas);
    }

    @Override
    public List<Entry> loadObjectClasses(Schema... schemas) throws LdapException {
        return objects("ou=objectclasses", schemas);
    }
}
