package dev.marquee.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test of the class against a fresh {@link PluginTestKernel}, which test methods (and
 * {@code @BeforeEach} methods) receive as a parameter; it is closed after each test.
 *
 * <pre>{@code
 * @MarqueeTest(settings = "plugins.example.greeting=Hi")
 * class GreetingRoutesTest {
 *   @Test
 *   void list_withoutCredentials_unauthorized(PluginTestKernel kernel) {
 *     assertEquals(401, kernel.http().get("/api/v1/example/greetings").status());
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MarqueeKernelExtension.class)
public @interface MarqueeTest {

  /** The plugin to load (a zip, a jar or a classes folder); empty: the default of {@link PluginTestKernel}. */
  String plugin() default "";

  /** Kernel settings, each {@code key=value}, such as {@code plugins.<id>.<key>=value}. */
  String[] settings() default {};
}
