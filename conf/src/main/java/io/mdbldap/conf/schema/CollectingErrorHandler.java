package io.mdbldap.conf.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.directory.api.ldap.model.exception.LdapSchemaException;
import org.apache.directory.api.ldap.model.exception.LdapSchemaExceptionCodes;
import org.apache.directory.api.ldap.model.schema.SchemaErrorHandler;
import org.slf4j.Logger;

/**
 * Collects the errors the ApacheDS schema registries report, instead of logging them, so that they can be reported
 * once, with the location of the definition that caused them.
 */
final class CollectingErrorHandler implements SchemaErrorHandler {

    private final List<Throwable> errors = new ArrayList<>();

    @Override
    public void handle(Logger log, String message, Throwable error) {
        errors.add(error != null ? error : new IllegalStateException(message));
    }

    @Override
    public boolean wasError() {
        return !errors.isEmpty();
    }

    @Override
    public List<Throwable> getErrors() {
        return List.copyOf(errors);
    }

    @Override
    public void reset() {
        errors.clear();
    }

    /**
     * Drops the errors of one kind.
     *
     * @param code the kind of error to drop
     */
    void forget(LdapSchemaExceptionCodes code) {
        errors.removeIf(e -> e instanceof LdapSchemaException schemaError && schemaError.getCode() == code);
    }

    /**
     * Joins the collected messages, without the API's {@code ERR_nnnnn_NAME} prefixes; an error without a message
     * is named by its schema error code.
     *
     * @return the messages, separated by "; "
     */
    String summary() {
        return errors.stream().map(CollectingErrorHandler::describe).distinct().collect(Collectors.joining("; "));
    }

    private static String describe(Throwable error) {
        if (error.getMessage() != null) {
            return ApiMessages.plain(error.getMessage());
        }
        if (error instanceof LdapSchemaException schemaError && schemaError.getCode() != null) {
            return schemaError.getCode().name();
        }
        return error.getClass().getSimpleName();
    }
}
