package dev.driftline.testkit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Injects the JVM-wide {@link MotoServer} and resets moto before each test method, so no test
 * sees buckets, tables or alarms left by another. Use {@code
 * @ExtendWith(MotoServerExtension.class)} or {@link WithMoto @WithMoto}.
 *
 * <p>The reset runs before the class's own {@code @BeforeEach} methods (extension callbacks come
 * first), so state created there survives; state created in {@code @BeforeAll} does not, unless
 * the class says {@code @WithMoto(resetBeforeEach = false)}.
 *
 * <p>The process starts lazily on first use and lives in the root store, closed after the last
 * test of the run: one moto per failsafe JVM. moto's state is global, so classes that use it must
 * not run in parallel with each other.
 */
public final class MotoServerExtension implements ParameterResolver, BeforeEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MotoServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (resetBeforeEach(context.getRequiredTestClass())) {
      server(context).reset();
    }
  }

  /** Honours {@code @WithMoto} on the class, a superclass or (for {@code @Nested}) outer class. */
  private static boolean resetBeforeEach(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      var annotation = AnnotationSupport.findAnnotation(c, WithMoto.class);
      if (annotation.isPresent()) {
        return annotation.get().resetBeforeEach();
      }
    }
    return true; // plain @ExtendWith(MotoServerExtension.class)
  }

  /** The shared server, started on first use; for extensions or code that has a context. */
  public static MotoServer server(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    StoredResource<MotoServer> stored =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                MotoServer.class,
                key -> new StoredResource<>(MotoServer.start()),
                StoredResource.class);
    return stored.get();
  }
}
