package io.mdbldap.server.junit;

import io.mdbldap.server.embedded.EmbeddedDirectory;
import io.mdbldap.server.embedded.JvmFlags;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit 5 extension behind {@link EmbeddedLdap}: starts a directory per annotated class (in
 * {@code beforeAll}) or method (in {@code beforeEach}), keeps it in the JUnit store of that class
 * or method, which closes it at the end, resets a class's directory after each of its tests, and
 * resolves parameters and fields.
 *
 * <p>Stateless: everything lives in the JUnit stores, so parallel classes do not meet.
 */
public final class EmbeddedLdapExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedLdapExtension.class);
  private static final String DIRECTORY = "directory";

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    JvmFlags.requireLmdbAccess();
    Class<?> testClass = context.getRequiredTestClass();
    Optional<EmbeddedLdap> settings = AnnotationSupport.findAnnotation(testClass, EmbeddedLdap.class);
    if (settings.isPresent()) {
      EmbeddedDirectory directory = AnnotatedDirectory.start(settings.get(), testClass.getName());
      context.getStore(NAMESPACE).put(DIRECTORY, new Running(directory, settings.get().reset()));
      injectFields(testClass, null, directory, context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    Optional<EmbeddedLdap> settings = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), EmbeddedLdap.class);
    if (settings.isPresent()) {
      JvmFlags.requireLmdbAccess();
      EmbeddedDirectory directory = AnnotatedDirectory.start(settings.get(), context.getDisplayName());
      context.getStore(NAMESPACE).put(DIRECTORY, new Running(directory, false));
    }
    EmbeddedDirectory directory = running(context).directory();
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      injectFields(instance.getClass(), instance, directory, context);
    }
  }

  /** After the test, so that the next one, in this class or a nested one, starts from the fixture. */
  @Override
  public void afterEach(ExtensionContext context) {
    Running running = running(context);
    if (running.resetAfterEach()) {
      running.directory().reset();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return Injection.supports(parameter.getParameter().getType(), parameter.getParameter());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return Injection.value(parameter.getParameter().getType(), parameter.getParameter(), running(context).directory(),
          context.getStore(NAMESPACE));
    } catch (ExtensionConfigurationException e) {
      throw new ParameterResolutionException(e.getMessage(), e);
    }
  }

  /** Sets the fields marked for injection: static ones when {@code instance} is null, else the others. */
  private static void injectFields(Class<?> type, Object instance, EmbeddedDirectory directory,
      ExtensionContext context) throws IllegalAccessException {
    for (Field field : AnnotationSupport.findAnnotatedFields(type, InjectLdap.class, f -> true,
        HierarchyTraversalMode.TOP_DOWN)) {
      inject(field, instance, directory, context);
    }
    for (Field field : AnnotationSupport.findAnnotatedFields(type, LdapUrl.class, f -> true,
        HierarchyTraversalMode.TOP_DOWN)) {
      inject(field, instance, directory, context);
    }
  }

  private static void inject(Field field, Object instance, EmbeddedDirectory directory, ExtensionContext context)
      throws IllegalAccessException {
    if (Modifier.isStatic(field.getModifiers()) != (instance == null)) {
      return;
    }
    if (!Injection.supports(field.getType(), field)) {
      throw new ExtensionConfigurationException("cannot inject " + field + ": " + Injection.SUPPORTED);
    }
    field.setAccessible(true);
    field.set(instance, Injection.value(field.getType(), field, directory, context.getStore(NAMESPACE)));
  }

  /** The directory of the test's method, else of its class or an enclosing class. */
  private static Running running(ExtensionContext context) {
    Running running = context.getStore(NAMESPACE).get(DIRECTORY, Running.class);
    if (running == null) {
      throw new ExtensionConfigurationException("no @EmbeddedLdap on " + context.getRequiredTestClass().getName()
          + " or its method " + context.getTestMethod().map(AnnotatedElement::toString).orElse(""));
    }
    return running;
  }

  /** A started directory, closed with the JUnit store that holds it. */
  private record Running(EmbeddedDirectory directory, boolean resetAfterEach)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      directory.close();
    }
  }
}
