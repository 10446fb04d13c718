package io.mdbldap.conf.schema;

import java.util.regex.Pattern;

/**
 * Makes the messages of Apache LDAP API exceptions fit for a configuration error: without the
 * {@code ERR_nnnnn_NAME} code in front, and without the {@code (line n, col n)} positions its schema parser adds,
 * which count in the text the parser was given rather than in the file.
 */
public final class ApiMessages {

    private static final Pattern NOISE = Pattern.compile(
            "ERR_\\d+_[A-Z0-9_]+\\s*=?\\s*|\\s*\\(line \\d+, col \\d+\\)");

    private ApiMessages() {
    }

    /**
     * Strips the message codes and parser positions.
     *
     * @param message a message from the LDAP API, or null
     * @return the readable part, empty for null
     */
    public static String plain(String message) {
        return message == null ? "" : NOISE.matcher(message).replaceAll("").strip();
    }
}
