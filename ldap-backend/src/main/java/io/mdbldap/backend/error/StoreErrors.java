package io.mdbldap.backend.error;

import io.mdbldap.store.DatabaseFullException;
import io.mdbldap.store.StoreException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;

/**
 * The one place where storage failures become LDAP results. The store already throws LDAP
 * outcomes (noSuchObject with its matched DN, entryAlreadyExists, notAllowedOnNonLeaf...) as
 * {@link LdapException}s, which pass through untouched; its {@link StoreException}s are not LDAP
 * outcomes and are mapped here, naming the operation and the DN:
 *
 * <ul>
 *   <li>{@link DatabaseFullException}: {@code unwillingToPerform}, "database full" (the write was
 *       not applied; retrying will not help until an administrator raises {@code maxsize});
 *   <li>any other {@link StoreException}: {@code other}.
 * </ul>
 */
public final class StoreErrors {
  private StoreErrors() {}

  /** A call into the store. */
  @FunctionalInterface
  public interface StoreCall<T> {
    T call() throws LdapException;
  }

  /**
   * Runs {@code call}, mapping storage failures.
   *
   * @param operation what is being done, for the message ("add", "search"...)
   * @param target the DN (or other subject) it is done to, for the message
   */
  public static <T> T call(String operation, Object target, StoreCall<T> call) throws LdapException {
    try {
      return call.call();
    } catch (DatabaseFullException e) {
      throw new LdapUnwillingToPerformException(ResultCodeEnum.UNWILLING_TO_PERFORM,
          operation + " " + target + ": " + e.getMessage(), e);
    } catch (StoreException e) {
      throw new LdapOtherException(operation + " " + target + " failed in the store: " + e.getMessage(), e);
    }
  }
}
