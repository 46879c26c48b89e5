import io.undertow.Undertow;
import io.undertow.util.Headers;

/**
 * The baseline for bench/http.sh: a bare Undertow server that answers every request on its I/O
 * thread with a fixed small JSON body, the same size as Marquee's health answer. Run with the
 * single-file launcher and the distribution's jars:
 *
 * <pre>java -cp "$MARQUEE_HOME/lib/*" HelloUndertow.java PORT</pre>
 */
public class HelloUndertow {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    byte[] body = "{\"status\":\"UP\",\"database\":\"UP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Undertow.builder()
        .addHttpListener(port, "127.0.0.1")
        .setHandler(exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
        })
        .build()
        .start();
    System.out.println("hello-undertow listening on " + port);
  }
}
