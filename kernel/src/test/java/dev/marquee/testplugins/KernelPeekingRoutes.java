package dev.marquee.testplugins;

import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.util.List;

/** Tries to reach a kernel class, which a plugin must not be able to load. */
public class KernelPeekingRoutes implements RouteContributor {
  @Override
  public List<Route> routes() {
    try {
      Class.forName("dev.marquee.kernel.Kernel");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return List.of();
  }
}
