package dev.marquee.kernel.plugins;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Paging;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.plugins.repository.PluginManifest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;

/**
 * {@code /api/v1/admin/plugins}: install from a manifest or the repositories, upgrade and downgrade,
 * enable, disable and uninstall at runtime; the catalog of the repositories.
 */
final class PluginInstallRoutes implements RouteContributor {
  private static final String BASE = "/api/v1/admin/plugins";

  /** Body of {@code POST /api/v1/admin/plugins}. */
  record ManifestInstall(String url) {}

  /** Body of {@code POST /api/v1/admin/plugins/install}. */
  record RepositoryInstall(String id, String version) {}

  /** Body of {@code POST /api/v1/admin/plugins/{id}/upgrade}; optional. */
  record Upgrade(String version) {}

  /** The catalog: a page of plugins and the repositories that could not be read. */
  record CatalogView(List<CatalogPlugin> items, long total, int offset, int limit, List<PluginCatalog.RepositoryError> repositoryErrors) {}

  /** One plugin of the catalog. */
  record CatalogPlugin(String id, String name, String description, String author, String category, String homepage, String icon,
      String repository, String installedVersion, String latestVersion, List<CatalogVersion> versions, List<NotOffered> notOffered) {}

  /** A version that can be installed here. */
  record CatalogVersion(String version, String requires, String released, String changelog, Long size, boolean signed,
      List<PluginManifest.Dependency> dependencies) {}

  /** A version that cannot, and why. */
  record NotOffered(String version, String reason) {}

  private final PluginInstaller installer;
  private final PluginCatalog catalog;
  private final PluginHost host;

  @Inject
  PluginInstallRoutes(PluginInstaller installer, PluginCatalog catalog, PluginHost host) {
    this.installer = installer;
    this.catalog = catalog;
    this.host = host;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post(BASE, Access.ADMIN, this::installFromManifest)
            .summary("Install the newest compatible version of the plugin a plugin.json describes: {\"url\":\"https://.../plugin.json\"}"),
        Route.post(BASE + "/install", Access.ADMIN, this::install)
            .summary("Install a plugin from the repositories, dependencies first: {\"id\":\"notes\",\"version\":\"1.2.0\"} (version optional)"),
        Route.post(BASE + "/{id}/upgrade", Access.ADMIN, this::upgrade)
            .summary("Switch a plugin to another version, newer or older (default: the newest); the old one stays if the new one fails"),
        Route.delete(BASE + "/{id}", Access.ADMIN, this::uninstall)
            .summary("Uninstall a plugin: stop, unload, delete its file and state"),
        Route.post(BASE + "/{id}/enable", Access.ADMIN, request -> request.json(installer.enable(request.pathParam("id"))))
            .summary("Start a plugin and keep it started across restarts"),
        Route.post(BASE + "/{id}/disable", Access.ADMIN, request -> request.json(installer.disable(request.pathParam("id"))))
            .summary("Stop a plugin and keep it stopped across restarts"),
        Route.get(BASE + "/catalog", Access.ADMIN, this::catalog)
            .summary("Plugins the repositories offer: compatible versions, why others are not offered, the installed version"));
  }

  private void installFromManifest(RequestContext request) {
    ManifestInstall body = request.body(ManifestInstall.class);
    request.status(201).json(installer.installFromManifest(body.url()));
  }

  private void install(RequestContext request) {
    RepositoryInstall body = request.body(RepositoryInstall.class);
    if (body.id() == null || body.id().isBlank()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "id: the plugin id is required");
    }
    request.status(201).json(installer.install(body.id(), blankToNull(body.version())));
  }

  private void upgrade(RequestContext request) {
    String version = request.bodyBytes().length == 0 ? null : blankToNull(request.body(Upgrade.class).version());
    request.json(installer.upgrade(request.pathParam("id"), version));
  }

  private void uninstall(RequestContext request) {
    installer.uninstall(request.pathParam("id"));
    request.noContent();
  }

  private void catalog(RequestContext request) {
    Paging paging = Paging.of(request);
    PluginCatalog.Snapshot snapshot = catalog.load();
    Map<String, String> installed = host.list().stream()
        .collect(Collectors.toMap(PluginView::id, PluginView::version, (a, b) -> a));
    List<CatalogPlugin> all = snapshot.entries().values().stream().map(entry -> view(entry, installed.get(entry.id()))).toList();
    List<CatalogPlugin> page = all.stream().skip(paging.offset()).limit(paging.limit()).toList();
    request.json(new CatalogView(page, all.size(), paging.offset(), paging.limit(), snapshot.errors()));
  }

  private static CatalogPlugin view(PluginCatalog.Entry entry, String installedVersion) {
    PluginManifest p = entry.plugin();
    List<CatalogVersion> offered = entry.versions().stream().filter(PluginCatalog.Offer::offered).map(o -> o.release())
        .map(r -> new CatalogVersion(r.version(), r.requires(), r.released(), r.changelog(), r.size(), r.signature() != null, r.dependencies()))
        .toList();
    List<NotOffered> notOffered = entry.versions().stream().filter(o -> !o.offered())
        .map(o -> new NotOffered(o.release().version(), o.notOfferedReason())).toList();
    return new CatalogPlugin(p.id(), p.name(), p.description(), p.author(), p.category(), p.homepage(), p.icon(), entry.repository(),
        installedVersion, offered.isEmpty() ? null : offered.get(0).version(), offered, notOffered);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
