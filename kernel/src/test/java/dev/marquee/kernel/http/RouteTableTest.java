package dev.marquee.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static final RouteHandler NOOP = request -> {};

  @Test
  void lookup_templateRoute_returnsOwnerAndParams() {
    // given
    RouteTable table = new RouteTable();
    table.register("kernel", List.of(Route.get("/api/v1/users/{id}", Access.USER, NOOP)));
    // when
    RouteTable.Lookup lookup = table.lookup("GET", "/api/v1/users/42");
    // then
    assertThat(lookup).isInstanceOf(RouteTable.Found.class);
    RouteTable.Found found = (RouteTable.Found) lookup;
    assertThat(found.entry().owner()).isEqualTo("kernel");
    assertThat(found.pathParams()).containsEntry("id", "42");
  }

  @Test
  void lookup_literalBeatsTemplate() {
    RouteTable table = new RouteTable();
    RouteHandler me = request -> {};
    table.register("kernel", List.of(
        Route.get("/api/v1/users/{id}", Access.USER, NOOP),
        Route.get("/api/v1/users/me", Access.USER, me)));
    RouteTable.Found found = (RouteTable.Found) table.lookup("GET", "/api/v1/users/me");
    assertThat(found.entry().route().handler()).isSameAs(me);
  }

  @Test
  void register_sameMethodAndTemplateOfAnotherOwner_isRefusedAndChangesNothing() {
    // given
    RouteTable table = new RouteTable();
    table.register("kernel", List.of(Route.get("/api/v1/things/{id}", Access.USER, NOOP)));
    // when: a plugin claims one new route and one that differs only in the parameter name
    List<Route> plugin = List.of(
        Route.get("/api/v1/plugin/fresh", Access.USER, NOOP),
        Route.get("/api/v1/things/{thingId}", Access.USER, NOOP));
    // then
    assertThatThrownBy(() -> table.register("plugin", plugin))
        .isInstanceOf(RouteConflictException.class)
        .hasMessageContaining("GET /api/v1/things/{thingId}")
        .hasMessageContaining("already owned by kernel");
    assertThat(table.entries()).extracting(RouteTable.Entry::owner).containsOnly("kernel");
    assertThat(table.lookup("GET", "/api/v1/plugin/fresh")).isInstanceOf(RouteTable.NotFound.class);
  }

  @Test
  void register_duplicateWithinOneOwner_isRefused() {
    RouteTable table = new RouteTable();
    assertThatThrownBy(() -> table.register("plugin", List.of(
        Route.get("/a", Access.USER, NOOP), Route.get("/a", Access.ADMIN, NOOP))))
        .isInstanceOf(RouteConflictException.class);
    assertThat(table.entries()).isEmpty();
  }

  @Test
  void unregister_removesOnlyThatOwner() {
    RouteTable table = new RouteTable();
    table.register("kernel", List.of(Route.get("/k", Access.PUBLIC, NOOP)));
    table.register("plugin", List.of(Route.get("/p", Access.PUBLIC, NOOP), Route.post("/k", Access.PUBLIC, NOOP)));
    table.unregister("plugin");
    assertThat(table.lookup("GET", "/p")).isInstanceOf(RouteTable.NotFound.class);
    assertThat(table.lookup("GET", "/k")).isInstanceOf(RouteTable.Found.class);
    assertThat(table.lookup("POST", "/k")).isInstanceOf(RouteTable.MethodNotAllowed.class);
  }

  @Test
  void lookup_otherMethod_reportsAllowedMethods() {
    RouteTable table = new RouteTable();
    table.register("kernel", List.of(Route.get("/x", Access.PUBLIC, NOOP), Route.delete("/x", Access.PUBLIC, NOOP)));
    RouteTable.Lookup lookup = table.lookup("POST", "/x");
    assertThat(lookup).isEqualTo(new RouteTable.MethodNotAllowed(java.util.Set.of("DELETE", "GET")));
  }

  @Test
  void route_malformedTemplate_isRejected() {
    assertThatThrownBy(() -> Route.get("no-slash", Access.PUBLIC, NOOP)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Route.get("/a/{unclosed", Access.PUBLIC, NOOP)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Route("TRACE", "/a", Access.PUBLIC, NOOP, "")).isInstanceOf(IllegalArgumentException.class);
  }
}
