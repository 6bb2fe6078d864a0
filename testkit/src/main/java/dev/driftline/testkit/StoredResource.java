package dev.driftline.testkit;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Wraps a fixture so JUnit closes it when the store that holds it is closed. Our extensions put
 * it in the <em>root</em> store, which JUnit closes once, after the last test of the run.
 *
 * <p>Why both interfaces: JUnit 5.13+ closes stored {@link AutoCloseable}s and deprecates
 * {@code CloseableResource}; older 5.x engines only know {@code CloseableResource}. JUnit 5.14
 * checks {@code AutoCloseable} first and calls {@code close()} once; the flag makes a second
 * call harmless anyway.
 */
@SuppressWarnings("deprecation") // CloseableResource: deliberate, see above
final class StoredResource<T extends AutoCloseable>
    implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  private final T value;
  private final AtomicBoolean closed = new AtomicBoolean();

  StoredResource(T value) {
    this.value = value;
  }

  T get() {
    return value;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        value.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        // Declared by AutoCloseable; our fixtures' close() throws nothing checked.
        throw new IllegalStateException("Closing " + value + " failed", e);
      }
    }
  }
}
