package io.mdbldap.conf;

/**
 * The size and time limits of searches, as slapd's {@code sizelimit} and {@code timelimit} directives set them.
 *
 * @param sizeLimit the most entries a search returns, or {@link #UNLIMITED}
 * @param timeLimit the most seconds a search runs, or {@link #UNLIMITED}
 */
public record Limits(int sizeLimit, int timeLimit) {

    /** The value of a limit configured as {@code unlimited}. */
    public static final int UNLIMITED = -1;

    /** slapd's defaults: 500 entries and 3600 seconds. */
    public static final Limits DEFAULT = new Limits(500, 3600);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a limit is negative and not {@link #UNLIMITED}
     */
    public Limits {
        if (sizeLimit < UNLIMITED || timeLimit < UNLIMITED) {
            throw new IllegalArgumentException("limits must be >= 0 or UNLIMITED: " + sizeLimit + ", " + timeLimit);
        }
    }

    /**
     * Returns these limits with another size limit.
     *
     * @param limit the new size limit
     * @return the changed limits
     */
    public Limits withSizeLimit(int limit) {
        return new Limits(limit, timeLimit);
    }

    /**
     * Returns these limits with another time limit.
     *
     * @param limit the new time limit
     * @return the changed limits
     */
    public Limits withTimeLimit(int limit) {
        return new Limits(sizeLimit, limit);
    }
}
