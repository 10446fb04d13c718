package io.mdbldap.store.entry;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Builds the attributes of decoded entries, as {@link StoredValues} builds their values: from data
 * checked when it was written, without the checks again. The public way, a copy of an empty
 * attribute then {@link Attribute#add(Value...)}, copies the empty value set, grows the copy value
 * by value and asks each value's syntax whether it is human-readable; a tenth of decoding an entry.
 * Here the attribute is made by the constructor the API's own deserialization uses, which sets
 * the fields it is given and adds the values to its set. The hash code is left to be computed on
 * first use (0), from the fields, as the API computes it. The result is the attribute the public
 * way builds: {@code StoredAttributesTest} compares them, and fails at once if the API changes.
 *
 * <p>Thread-safe (stateless).
 */
public final class StoredAttributes {
  private static final MethodHandle CREATE;

  static {
    try {
      // Both on the class path, in the unnamed module: no --add-opens needed.
      CREATE = MethodHandles.privateLookupIn(DefaultAttribute.class, MethodHandles.lookup()).findConstructor(
          DefaultAttribute.class, MethodType.methodType(void.class, AttributeType.class, String.class, String.class,
              boolean.class, int.class, Value[].class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("the LDAP API's DefaultAttribute has other constructors than this code knows: " + e);
    }
  }

  private StoredAttributes() {}

  /**
   * An attribute named and typed as {@code empty} (an attribute of a schema type, with no value),
   * holding {@code values}, which must be of that type and distinct (as id2entry holds them).
   */
  public static Attribute of(Attribute empty, Value... values) {
    try {
      return (DefaultAttribute) CREATE.invokeExact(empty.getAttributeType(), empty.getUpId(), empty.getId(),
          empty.isHumanReadable(), 0, values);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot build attribute " + empty.getUpId(), e);
    }
  }
}
