package io.mdbldap.conf;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Collects a database's {@code index <attr[,attr...]|default> [<kind[,kind...]>]} lines, checked as back-mdb checks
 * them (servers/slapd/back-mdb/attr.c): the attribute must be in the schema and have the matching rule the kind
 * needs, an attribute may be indexed by one line only, and {@code default} sets the kinds of later lines that name
 * none. Messages follow slapd's.
 */
final class Indexes {

    /** The index kinds, in the order error messages list them. */
    static final List<String> KINDS = List.of("pres", "eq", "approx", "sub", "subinitial", "subany", "subfinal",
            "ordering");

    private static final String USAGE = "index <attr[,attr...]|default> [<kind[,kind...]>]";

    private final SchemaManager schema;
    private final Map<String, Set<String>> byAttribute = new LinkedHashMap<>();
    private final Set<String> indexedOids = new HashSet<>();
    private Set<String> defaultKinds = Set.of();

    /**
     * Creates an empty index configuration.
     *
     * @param schema the schema the attributes must be in
     */
    Indexes(SchemaManager schema) {
        this.schema = schema;
    }

    /**
     * Applies one {@code index} directive.
     *
     * @param directive the directive
     * @throws ConfigException if an attribute or kind is unknown, a kind does not suit an attribute, or an attribute
     *     is already indexed
     */
    void add(Directive directive) throws ConfigException {
        directive.expectArgs(1, 2, USAGE);
        Set<String> kinds = directive.args().size() == 2 ? kinds(directive, directive.args().get(1)) : defaultKinds;
        if (kinds.isEmpty()) {
            throw directive.error("no indexes selected; usage: %s", USAGE);
        }
        for (String name : directive.args().get(0).split(",")) {
            if (name.equalsIgnoreCase("default")) {
                defaultKinds = union(defaultKinds, kinds);
            } else if (!name.isEmpty()) {
                addAttribute(directive, name, kinds);
            }
        }
    }

    /**
     * Returns the indexes configured so far.
     *
     * @return attribute name as written to its kinds, both in configuration order
     */
    Map<String, Set<String>> byAttribute() {
        return byAttribute;
    }

    private void addAttribute(Directive directive, String name, Set<String> kinds) throws ConfigException {
        AttributeType type = schema.getAttributeType(name);
        if (type == null) {
            throw directive.error("attribute \"%s\" undefined", name);
        }
        if (!indexedOids.add(type.getOid())) {
            throw directive.error("duplicate index definition for attr \"%s\"", name);
        }
        for (String kind : kinds) {
            checkMatchingRule(directive, type, name, kind);
        }
        byAttribute.put(name, kinds);
    }

    private static void checkMatchingRule(Directive directive, AttributeType type, String name, String kind)
            throws ConfigException {
        boolean allowed = switch (kind) {
            // ApacheDS has no approximate matching rules; approximate filters fall back to equality.
            case "eq", "approx" -> type.getEquality() != null;
            case "ordering" -> type.getOrdering() != null;
            case "pres" -> true;
            default -> type.getSubstring() != null;
        };
        if (!allowed) {
            throw directive.error("%s index of attribute \"%s\" disallowed: it has no %s matching rule", kind, name,
                    kind.startsWith("sub") ? "substring" : kind.equals("ordering") ? "ordering" : "equality");
        }
    }

    private static Set<String> kinds(Directive directive, String list) throws ConfigException {
        Set<String> kinds = new LinkedHashSet<>();
        for (String kind : list.split(",")) {
            String lower = kind.toLowerCase(Locale.ROOT);
            if (!KINDS.contains(lower)) {
                throw directive.error("index type \"%s\" undefined; expected one of %s", kind,
                        String.join(", ", KINDS));
            }
            kinds.add(lower);
        }
        return kinds;
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }
}
