package dev.marquee.kernel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.kernel.config.Config;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.InetSocketAddress;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The Undertow server in front of the {@link RouteTable}. */
@Singleton
public final class HttpServer implements AutoCloseable {
  private final Undertow undertow;

  @Inject
  HttpServer(Config config, RouteTable routes, ObjectMapper mapper, Authenticator authenticator) {
    ApiHandler handler = new ApiHandler(routes, mapper, authenticator, HttpSettings.from(config));
    this.undertow = Undertow.builder()
        .addHttpListener(config.getInt("http.port", 8096), config.get("http.host", "0.0.0.0"))
        .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
        .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
        .setHandler(handler)
        .build();
  }

  public void start() {
    undertow.start();
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
