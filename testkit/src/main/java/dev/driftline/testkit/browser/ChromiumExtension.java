package dev.driftline.testkit.browser;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects a headless {@link Chromium} (one per test class) and {@link BrowserPage}s. Use {@code
 * @ExtendWith(ChromiumExtension.class)} or {@link WithChromium @WithChromium}.
 *
 * <p>Why per class and not per JVM like the Kafka broker: a browser is cheap to start (≈0.5 s)
 * and a fresh one per class means no state (cache, storage, service workers) leaks between test
 * classes. It starts lazily, when the first parameter is resolved, and lives in the class's store:
 * JUnit closes it (the whole process tree) after the class's last test.
 *
 * <p>Pages: a {@code BrowserPage} parameter of a test method or {@code @BeforeEach}/{@code
 * @AfterEach} method is a fresh tab for that test (the same one for all three), closed after it;
 * one of the constructor or {@code @BeforeAll} belongs to the class. If a test fails, the page it
 * used is saved as {@code target/screenshots/<Class>-<method>-failed.png} and its console errors
 * are logged.
 */
public final class ChromiumExtension implements ParameterResolver, AfterTestExecutionCallback {

  private static final Logger LOG = LoggerFactory.getLogger(ChromiumExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ChromiumExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == BrowserPage.class || type == Chromium.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == Chromium.class) {
      return chromium(context);
    }
    return page(context);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isEmpty()) {
      return;
    }
    BrowserPage page = context.getStore(NAMESPACE).get(BrowserPage.class, BrowserPage.class);
    if (page == null) {
      return;
    }
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "-"
            + context.getRequiredTestMethod().getName()
            + "-failed";
    try {
      Path png = page.screenshot(name);
      LOG.warn("Test failed on {}; screenshot {}; console errors {}", page.uri(), png,
          page.consoleErrors());
    } catch (RuntimeException | AssertionError e) {
      LOG.warn("Test failed on {}; no screenshot: {}", page.uri(), e.toString());
    }
  }

  /** The class's Chromium, started on first use; for extensions or code that has a context. */
  public static Chromium chromium(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    // JUnit 5.13+ closes stored AutoCloseables when the class's store is closed.
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            Chromium.class, key -> startFor(classContext.getRequiredTestClass()), Chromium.class);
  }

  /** The page of {@code context}: the test method's tab, or the class's one outside a test. */
  public static BrowserPage page(ExtensionContext context) {
    Chromium chromium = chromium(context);
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(BrowserPage.class, key -> chromium.newPage(), BrowserPage.class);
  }

  private static Chromium startFor(Class<?> testClass) {
    Optional<WithChromium> settings = settings(testClass);
    return settings.isPresent()
        ? Chromium.start(settings.get().width(), settings.get().height())
        : Chromium.start();
  }

  /** {@code @WithChromium} on the class, a superclass or (for {@code @Nested}) an outer class. */
  private static Optional<WithChromium> settings(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      Optional<WithChromium> found = AnnotationSupport.findAnnotation(c, WithChromium.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }
}
