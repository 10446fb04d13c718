package io.mdbldap.conf;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used: a malformed or unknown directive, a missing file, a schema definition that
 * does not load. Every instance names the file and line it is about, and {@link #getMessage()} reads
 * {@code file:line: reason}, the way slaptest reports errors.
 *
 * <p>Line 0 stands for the file as a whole (for example a file that cannot be read); the message is then
 * {@code file: reason}. Instances are immutable.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The file the error is in, as the parser reached it (relative paths stay relative). */
    private final Path file;

    /** The 1-based line of the directive in error, or 0 for the whole file. */
    private final int line;

    /** The message without the location. */
    private final String reason;

    /**
     * Creates an error about one line of a configuration file.
     *
     * @param file the file the error is in
     * @param line the 1-based line number of the directive, or 0 for the whole file
     * @param reason what is wrong, without the location
     */
    public ConfigException(Path file, int line, String reason) {
        this(file, line, reason, null);
    }

    /**
     * Creates an error about one line of a configuration file, caused by another exception.
     *
     * @param file the file the error is in
     * @param line the 1-based line number of the directive, or 0 for the whole file
     * @param reason what is wrong, without the location
     * @param cause the underlying exception, or {@code null}
     */
    public ConfigException(Path file, int line, String reason, Throwable cause) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /**
     * Returns the file the error is in.
     *
     * @return the file, as the parser reached it
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the line the error is on.
     *
     * @return the 1-based line of the directive in error, or 0 for the whole file
     */
    public int line() {
        return line;
    }

    /**
     * Returns what is wrong, without the location.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
