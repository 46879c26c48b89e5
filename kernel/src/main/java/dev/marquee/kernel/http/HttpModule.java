package dev.marquee.kernel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.Lifecycle;
import java.util.List;
import java.util.Set;
import javax.inject.Singleton;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server and the kernel's own routes: every feature module adds its {@link
 * RouteContributor} to the set with {@code @IntoSet}; they are registered under the owner
 * {@value #KERNEL_OWNER}.
 */
@Module
public interface HttpModule {
  String KERNEL_OWNER = "kernel";

  @Multibinds
  Set<RouteContributor> kernelRoutes();

  @Provides
  @Singleton
  static ObjectMapper objectMapper() {
    return Json.newMapper();
  }

  @Provides
  @IntoSet
  static Lifecycle registerKernelRoutes(RouteTable table, Set<RouteContributor> contributors) {
    return Lifecycle.of(Lifecycle.SERVICES,
        () -> {
          List<Route> routes = contributors.stream().flatMap(c -> c.routes().stream()).toList();
          table.register(KERNEL_OWNER, routes);
        },
        () -> table.unregister(KERNEL_OWNER));
  }

  @Provides
  @IntoSet
  static Lifecycle serveHttp(HttpServer server) {
    return Lifecycle.of(Lifecycle.HTTP,
        () -> {
          server.start();
          LoggerFactory.getLogger(HttpServer.class).info("listening on port {}", server.port());
        },
        server::close);
  }
}
