package dev.marquee.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagingTest {

  /** A request whose only ability is answering query parameters. */
  private static RequestContext query(Map<String, String> params) {
    return (RequestContext) Proxy.newProxyInstance(RequestContext.class.getClassLoader(), new Class<?>[] {RequestContext.class},
        (proxy, method, args) -> {
          if (method.getName().equals("queryParam")) {
            return Optional.ofNullable(params.get((String) args[0]));
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void of_noParameters_defaults() {
    assertThat(Paging.of(query(Map.of()))).isEqualTo(new Paging(0, Paging.DEFAULT_LIMIT));
  }

  @Test
  void of_validParameters_areRead() {
    assertThat(Paging.of(query(Map.of("offset", "20", "limit", " 500 ")))).isEqualTo(new Paging(20, 500));
  }

  @Test
  void of_badParameters_answer422NamingTheParameter() {
    for (Map<String, String> bad : List.of(Map.of("limit", "0"), Map.of("limit", "501"), Map.of("limit", "ten"),
        Map.of("offset", "-1"), Map.of("offset", "1.5"))) {
      String name = bad.keySet().iterator().next();
      assertThatThrownBy(() -> Paging.of(query(bad)))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
          })
          .hasMessageStartingWith(name);
    }
  }

  @Test
  void page_carriesPagingAndMapsItems() {
    Page<Integer> page = new Paging(10, 2).page(List.of(1, 2), 12);
    assertThat(page.map(i -> "#" + i)).isEqualTo(new Page<>(List.of("#1", "#2"), 12, 10, 2));
  }
}
