package io.mdbldap.conf;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A tokenized configuration line: the directive name and its arguments, with the checks every directive needs
 * (argument count, numbers, paths) and errors that carry the line's file, number and directive name.
 */
final class Directive {

    private final Line line;
    private final String name;
    private final List<String> args;

    private Directive(Line line, List<String> tokens) {
        this.line = line;
        this.name = tokens.get(0);
        this.args = List.copyOf(tokens.subList(1, tokens.size()));
    }

    /**
     * Tokenizes a line.
     *
     * @param line a non-blank logical line
     * @return the directive
     * @throws ConfigException if the line's quoting is malformed
     */
    static Directive of(Line line) throws ConfigException {
        return new Directive(line, Tokenizer.split(line));
    }

    /**
     * Returns the directive name in lower case, for dispatching; slapd matches names without regard to case.
     *
     * @return the lower-case name
     */
    String keyword() {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the line the directive was read from.
     *
     * @return the logical line
     */
    Line line() {
        return line;
    }

    /**
     * Returns the arguments after the directive name.
     *
     * @return the arguments, unmodifiable
     */
    List<String> args() {
        return args;
    }

    /**
     * Checks the number of arguments.
     *
     * @param min the fewest arguments allowed
     * @param max the most arguments allowed
     * @param usage the directive's synopsis, quoted in the error
     * @throws ConfigException if there are too few or too many arguments
     */
    void expectArgs(int min, int max, String usage) throws ConfigException {
        if (args.size() < min) {
            throw error("missing argument; usage: %s", usage);
        }
        if (args.size() > max) {
            throw error("too many arguments; usage: %s", usage);
        }
    }

    /**
     * Returns the one argument of a directive that takes exactly one.
     *
     * @param usage the directive's synopsis, quoted in the error
     * @return the argument
     * @throws ConfigException if there is not exactly one argument
     */
    String onlyArg(String usage) throws ConfigException {
        expectArgs(1, 1, usage);
        return args.get(0);
    }

    /**
     * Parses an argument as a non-negative int.
     *
     * @param value the argument
     * @return its value
     * @throws ConfigException if it is not a non-negative decimal number that fits an int
     */
    int nonNegativeInt(String value) throws ConfigException {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("\"%s\" is not a valid number", value);
    }

    /**
     * Parses an argument as a positive int.
     *
     * @param value the argument
     * @return its value
     * @throws ConfigException if it is not a decimal number from 1 to {@link Integer#MAX_VALUE}
     */
    int positiveInt(String value) throws ConfigException {
        int number = nonNegativeInt(value);
        if (number == 0) {
            throw error("\"%s\" must be at least 1", value);
        }
        return number;
    }

    /**
     * Parses the only argument as a size or time limit: a non-negative number or {@code unlimited}.
     *
     * @return the limit, {@link Limits#UNLIMITED} for {@code unlimited}
     * @throws ConfigException if the argument count or the value is wrong
     */
    int limit() throws ConfigException {
        String value = onlyArg(name + " <number>|unlimited");
        return value.equalsIgnoreCase("unlimited") ? Limits.UNLIMITED : nonNegativeInt(value);
    }

    /**
     * Parses the only argument as a path. A relative path is resolved against the directory of the file this line is
     * in, and the result made absolute.
     *
     * @param usage the directive's synopsis, quoted in the error
     * @return the absolute, normalized path
     * @throws ConfigException if there is not exactly one argument
     */
    Path path(String usage) throws ConfigException {
        return relativeToFile(onlyArg(usage)).toAbsolutePath().normalize();
    }

    /**
     * Resolves a path against the directory of the file this line is in.
     *
     * @param value the path as written
     * @return the path, still relative if this line's file was named by a relative path
     */
    Path relativeToFile(String value) {
        return line.file().resolveSibling(value).normalize();
    }

    /**
     * Creates an error located at this line, its message prefixed with the directive name.
     *
     * @param format the message, a {@link String#format} pattern
     * @param values the pattern's arguments
     * @return the exception, for the caller to throw
     */
    ConfigException error(String format, Object... values) {
        return line.error(name + ": " + String.format(Locale.ROOT, format, values));
    }
}
