package dev.driftline.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM-wide {@link KafkaBroker} into constructors, lifecycle and test methods. Use
 * {@code @ExtendWith(KafkaBrokerExtension.class)} or {@link WithKafka @WithKafka}.
 *
 * <p>The broker starts lazily, when the first parameter is resolved, so test classes that do not
 * ask for it cost nothing. It lives in the root store: JUnit closes it after the last test of
 * the run (one broker per failsafe JVM — starting one per class would cost ≈2 s each).
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker(context);
  }

  /** The shared broker, started on first use; for extensions or code that has a context. */
  public static KafkaBroker broker(ExtensionContext context) {
    // getOrComputeIfAbsent is atomic, so parallel test classes still share one broker.
    @SuppressWarnings("unchecked")
    StoredResource<KafkaBroker> stored =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                KafkaBroker.class,
                key -> new StoredResource<>(KafkaBroker.start()),
                StoredResource.class);
    return stored.get();
  }
}
