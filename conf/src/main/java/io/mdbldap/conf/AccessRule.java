package io.mdbldap.conf;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code access to <what> by <who> <access> [<control>] ...} directive, as slapd.access(5) writes it, split into
 * its clauses and checked for form but not yet given meaning: evaluating rules is the access-control layer's job.
 *
 * <p>Rules keep the order of the configuration; a database's rules come before the global ones when slapd evaluates
 * them.
 *
 * @param what the terms of the {@code to} clause, quotes removed (for example {@code attrs=userPassword} or
 *     {@code dn.subtree=ou=people,dc=example,dc=com}); empty or {@code *} means every entry
 * @param by the {@code by} clauses, in order, at least one
 * @param text the directive as written, continuation lines joined
 * @param file the file the directive is in
 * @param line the directive's line number in that file
 */
public record AccessRule(List<String> what, List<By> by, String text, Path file, int line) {

    /**
     * Copies the lists and checks the rule.
     *
     * @throws IllegalArgumentException if there is no {@code by} clause
     */
    public AccessRule {
        what = List.copyOf(what);
        by = List.copyOf(by);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
        if (by.isEmpty()) {
            throw new IllegalArgumentException("an access rule needs a by clause");
        }
    }

    /**
     * One {@code by <who> [<access>] [<control>]} clause.
     *
     * @param who the requester terms (for example {@code self}, {@code users},
     *     {@code dn.exact=cn=admin,dc=example,dc=com}), at least one
     * @param access the access level or privilege set as written ({@code read}, {@code selfwrite}, {@code =rscx}...);
     *     {@code none} when the clause names none, as in slapd
     * @param control {@code stop}, {@code continue} or {@code break}; {@code stop} when the clause names none
     */
    public record By(List<String> who, String access, String control) {

        /**
         * Copies the list and checks the clause.
         *
         * @throws IllegalArgumentException if there is no requester term
         */
        public By {
            who = List.copyOf(who);
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(control, "control");
            if (who.isEmpty()) {
                throw new IllegalArgumentException("a by clause needs a <who>");
            }
        }
    }
}
