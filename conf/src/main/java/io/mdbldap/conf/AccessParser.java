package io.mdbldap.conf;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Parses {@code access to <what> [by <who> [<access>] [<control>]]+} (slapd.access(5), servers/slapd/aclparse.c)
 * into an {@link AccessRule}. It checks the form of every term, and what can be checked without evaluating
 * rules: DNs of non-regex {@code dn} styles, filters, and the attribute and object class names of {@code attrs}.
 * Error messages follow slapd's.
 */
final class AccessParser {

    private static final String USAGE = "access to <what> by <who> [<access>] [<control>] [by ...]";

    private static final Set<String> WHAT_TERMS = Set.of("dn", "filter", "attrs", "attr", "val", "op", "control");

    private static final Set<String> DN_STYLES = Set.of("", "base", "baseobject", "exact", "one", "onelevel", "sub",
            "subtree", "children", "regex");

    private static final Set<String> WHO_WORDS = Set.of("*", "anonymous", "users", "self", "realanonymous",
            "realusers", "realself");

    private static final Set<String> WHO_TERMS = Set.of("dn", "realdn", "dnattr", "realdnattr", "group", "peername",
            "sockname", "domain", "sockurl", "set", "ssf", "transport_ssf", "tls_ssf", "sasl_ssf", "aci", "dynacl");

    private static final Set<String> CONTROLS = Set.of("stop", "continue", "break");

    private static final Pattern ACCESS = Pattern.compile("(?i)(real)?(self)?"
            + "(none|disclose|auth|compare|search|read|write|add|delete|increment|manage|[=+-][0dxcsrwazim]+)");

    private final SchemaManager schema;

    /**
     * Creates a parser that checks names and DNs against a schema.
     *
     * @param schema the schema loaded so far
     */
    AccessParser(SchemaManager schema) {
        this.schema = schema;
    }

    /**
     * Parses an {@code access} directive.
     *
     * @param directive the directive
     * @return the rule
     * @throws ConfigException if the directive is malformed
     */
    AccessRule parse(Directive directive) throws ConfigException {
        List<String> args = directive.args();
        directive.expectArgs(1, Integer.MAX_VALUE, USAGE);
        if (!args.get(0).equalsIgnoreCase("to")) {
            throw directive.error("expecting \"to\" got \"%s\"", args.get(0));
        }
        List<String> what = new ArrayList<>();
        int pos = 1;
        for (; pos < args.size() && !isBy(args.get(pos)); pos++) {
            what.add(checkWhat(directive, args.get(pos)));
        }
        List<AccessRule.By> clauses = new ArrayList<>();
        while (pos < args.size()) {
            pos = parseBy(directive, pos, clauses);
        }
        if (clauses.isEmpty()) {
            throw directive.error("no by clause(s) specified; usage: %s", USAGE);
        }
        Line line = directive.line();
        return new AccessRule(what, clauses, line.text().strip(), line.file(), line.number());
    }

    private int parseBy(Directive directive, int byPos, List<AccessRule.By> clauses) throws ConfigException {
        List<String> args = directive.args();
        List<String> who = new ArrayList<>();
        int pos = byPos + 1;
        for (; pos < args.size() && isWho(args.get(pos)); pos++) {
            who.add(checkWho(directive, args.get(pos)));
        }
        if (who.isEmpty()) {
            throw pos < args.size() ? directive.error("expecting <who> got \"%s\"", args.get(pos))
                    : directive.error("premature end of line: expecting <who>");
        }
        String access = "none";
        if (pos < args.size() && !isBy(args.get(pos)) && !isControl(args.get(pos))) {
            access = checkAccess(directive, args.get(pos++));
        }
        String control = "stop";
        if (pos < args.size() && isControl(args.get(pos))) {
            control = args.get(pos++).toLowerCase(Locale.ROOT);
        }
        if (pos < args.size() && !isBy(args.get(pos))) {
            throw directive.error("expecting \"by\" got \"%s\"", args.get(pos));
        }
        clauses.add(new AccessRule.By(who, access, control));
        return pos;
    }

    private String checkWhat(Directive directive, String term) throws ConfigException {
        if (term.equals("*")) {
            return term;
        }
        int equals = term.indexOf('=');
        if (equals < 0) {
            throw directive.error("missing \"=\" in \"%s\" in to clause", term);
        }
        String left = term.substring(0, equals).toLowerCase(Locale.ROOT);
        String value = term.substring(equals + 1);
        String name = termName(left);
        if (!WHAT_TERMS.contains(name)) {
            throw directive.error("expecting <what> got \"%s\"", term);
        }
        switch (name) {
            case "dn" -> checkDn(directive, left.substring(name.length()), value);
            case "filter" -> checkFilter(directive, value);
            case "attrs", "attr" -> checkAttributes(directive, value);
            default -> checkNotEmpty(directive, term, value);
        }
        return term;
    }

    private void checkDn(Directive directive, String dotStyle, String value) throws ConfigException {
        String style = dotStyle.startsWith(".") ? dotStyle.substring(1) : dotStyle;
        if (!DN_STYLES.contains(style)) {
            throw directive.error("unknown dn style \"%s\" in to clause", style);
        }
        if (style.equals("regex")) {
            return;
        }
        Dns.parse(directive, schema, value, " in to clause");
    }

    private static void checkFilter(Directive directive, String value) throws ConfigException {
        try {
            FilterParser.parse(value);
        } catch (ParseException e) {
            throw directive.error("bad filter \"%s\" in to clause", value);
        }
    }

    private void checkAttributes(Directive directive, String list) throws ConfigException {
        for (String name : list.split(",", -1)) {
            if (!isAttributeOrClass(name)) {
                throw directive.error("unknown attr \"%s\" in to clause", name);
            }
        }
    }

    private boolean isAttributeOrClass(String name) {
        if (name.equals("entry") || name.equals("children")) {
            return true;
        }
        boolean classOnly = name.startsWith("@") || name.startsWith("!");
        String bare = classOnly ? name.substring(1) : name;
        return !bare.isEmpty() && (schema.getObjectClassRegistry().contains(bare)
                || !classOnly && schema.getAttributeTypeRegistry().contains(bare));
    }

    private static boolean isWho(String term) {
        String lower = term.toLowerCase(Locale.ROOT);
        int equals = lower.indexOf('=');
        if (equals >= 0) {
            return WHO_TERMS.contains(termName(lower.substring(0, equals)));
        }
        String name = termName(lower);
        return WHO_WORDS.contains(lower) || name.equals("self") || name.equals("realself") || name.equals("dynacl");
    }

    private static String checkWho(Directive directive, String term) throws ConfigException {
        if (term.endsWith("=")) {
            throw directive.error("missing \"=\" in (or value after) \"%s\" in by clause", term);
        }
        return term;
    }

    private static String checkAccess(Directive directive, String access) throws ConfigException {
        if (!ACCESS.matcher(access).matches()) {
            throw directive.error("expecting <access> got \"%s\"", access);
        }
        return access;
    }

    private static void checkNotEmpty(Directive directive, String term, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw directive.error("missing value after \"=\" in \"%s\" in to clause", term);
        }
    }

    /** The keyword of a term: its left side up to the first style dot or group slash. */
    private static String termName(String left) {
        int end = left.length();
        for (char c : new char[] {'.', '/'}) {
            int at = left.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return left.substring(0, end);
    }

    private static boolean isBy(String token) {
        return token.equalsIgnoreCase("by");
    }

    private static boolean isControl(String token) {
        return CONTROLS.contains(token.toLowerCase(Locale.ROOT));
    }
}
