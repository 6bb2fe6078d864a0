package dev.driftline.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shorthand for {@code @ExtendWith(MotoServerExtension.class)}: the test class may declare a
 * {@link MotoServer} parameter in its constructor, lifecycle or test methods and gets the
 * JVM-wide moto_server, reset before each test.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MotoServerExtension.class)
public @interface WithMoto {

  /**
   * Whether moto's state is wiped before each test method. Turn it off only for classes that
   * set up AWS state once in {@code @BeforeAll} and whose tests do not interfere.
   */
  boolean resetBeforeEach() default true;
}
