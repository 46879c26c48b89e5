package dev.marquee.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link MarqueeTest}: starts a {@link PluginTestKernel} the first time
 * a test (or its {@code @BeforeEach}) asks for one as a parameter, and closes it after the test.
 */
public final class MarqueeKernelExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MarqueeKernelExtension.class);
  private static final String KEY = "kernel";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PluginTestKernel.class && context.getTestMethod().isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    PluginTestKernel kernel = store.get(KEY, PluginTestKernel.class);
    if (kernel == null) {
      try {
        kernel = start(context);
      } catch (RuntimeException e) {
        throw new ParameterResolutionException("cannot start the Marquee test kernel: " + e.getMessage(), e);
      }
      store.put(KEY, kernel);
    }
    return kernel;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    PluginTestKernel kernel = context.getStore(NAMESPACE).remove(KEY, PluginTestKernel.class);
    if (kernel != null) {
      kernel.close();
    }
  }

  private static PluginTestKernel start(ExtensionContext context) {
    PluginTestKernel.Builder builder = PluginTestKernel.builder();
    MarqueeTest settings = context.getTestClass()
        .flatMap(type -> AnnotationSupport.findAnnotation(type, MarqueeTest.class))
        .orElse(null);
    if (settings != null) {
      if (!settings.plugin().isBlank()) {
        builder.plugin(Path.of(settings.plugin()));
      }
      for (String setting : settings.settings()) {
        int equals = setting.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("@MarqueeTest settings are key=value: " + setting);
        }
        builder.setting(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
      }
    }
    return builder.start();
  }
}
