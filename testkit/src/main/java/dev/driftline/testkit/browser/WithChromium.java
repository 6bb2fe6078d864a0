package dev.driftline.testkit.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shorthand for {@code @ExtendWith(ChromiumExtension.class)}: the test class may declare a
 * {@link BrowserPage} (a fresh tab per test method) or {@link Chromium} parameter in its
 * constructor, lifecycle or test methods. One headless Chromium serves the whole class.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ChromiumExtension.class)
public @interface WithChromium {

  /** Window and viewport width in CSS pixels (screenshots have this width). */
  int width() default Chromium.DEFAULT_WIDTH;

  /** Window and viewport height in CSS pixels (screenshots have this height). */
  int height() default Chromium.DEFAULT_HEIGHT;
}
