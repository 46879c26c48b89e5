package dev.marquee.kernel.plugins;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Paging;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.plugins.repository.PluginKeys;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;

/**
 * {@code /api/v1/admin/plugins/repositories} and {@code /api/v1/admin/plugins/keys}: where plugins
 * come from and whose signatures the server trusts.
 */
final class PluginTrustRoutes implements RouteContributor {
  private static final String REPOSITORIES = "/api/v1/admin/plugins/repositories";
  private static final String KEYS = "/api/v1/admin/plugins/keys";
  private static final int MAX_NAME = 200;
  private static final int MAX_URL = 2000;

  /** Body of a repository's {@code POST} and {@code PATCH} (fields optional in a PATCH). */
  record RepositoryRequest(String name, String url) {}

  /** A repository as the API shows it. */
  record RepositoryView(long id, String name, String url, Instant createdAt) {
    static RepositoryView of(PluginStore.Repository r) {
      return new RepositoryView(r.id(), r.name(), r.url(), Instant.ofEpochMilli(r.createdAt()));
    }
  }

  /** Body of {@code POST /api/v1/admin/plugins/keys}: the public key's text form. */
  record KeyRequest(String name, String publicKey) {}

  /** A trusted key as the API shows it. */
  record KeyView(long id, String keyId, String name, String publicKey, Instant createdAt) {
    static KeyView of(PluginStore.TrustedKey k) {
      return new KeyView(k.id(), k.keyId(), k.name(), k.publicKey(), Instant.ofEpochMilli(k.createdAt()));
    }
  }

  private final PluginStore store;

  @Inject
  PluginTrustRoutes(PluginStore store) {
    this.store = store;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(REPOSITORIES, Access.ADMIN, this::listRepositories).summary("Plugin repositories, with offset/limit and total"),
        Route.post(REPOSITORIES, Access.ADMIN, this::addRepository)
            .summary("Add a repository: {\"name\":\"Official\",\"url\":\"https://.../repository.json\"}"),
        Route.get(REPOSITORIES + "/{id}", Access.ADMIN, request -> request.json(RepositoryView.of(repository(request))))
            .summary("One repository"),
        Route.patch(REPOSITORIES + "/{id}", Access.ADMIN, this::updateRepository).summary("Rename a repository or change its URL"),
        Route.delete(REPOSITORIES + "/{id}", Access.ADMIN, this::deleteRepository).summary("Remove a repository"),
        Route.get(KEYS, Access.ADMIN, this::listKeys).summary("Trusted signing keys, with offset/limit and total"),
        Route.post(KEYS, Access.ADMIN, this::addKey)
            .summary("Trust an Ed25519 key: {\"name\":\"Acme\",\"publicKey\":\"<base64 X.509 DER>\"}"),
        Route.delete(KEYS + "/{id}", Access.ADMIN, this::deleteKey).summary("Stop trusting a key"));
  }

  private void listRepositories(RequestContext request) {
    Paging paging = Paging.of(request);
    List<PluginStore.Repository> all = store.repositories();
    request.json(paging.page(all.stream().skip(paging.offset()).limit(paging.limit()).toList(), all.size()).map(RepositoryView::of));
  }

  private void addRepository(RequestContext request) {
    RepositoryRequest body = request.body(RepositoryRequest.class);
    String name = name(body.name());
    String url = url(body.url());
    if (store.repositoryByName(name).isPresent()) {
      throw ApiException.conflict("REPOSITORY_EXISTS", "a repository named '" + name + "' exists already");
    }
    long id = store.addRepository(name, url);
    request.status(201).json(RepositoryView.of(store.repository(id).orElseThrow()));
  }

  private void updateRepository(RequestContext request) {
    PluginStore.Repository current = repository(request);
    RepositoryRequest body = request.body(RepositoryRequest.class);
    String name = body.name() == null ? current.name() : name(body.name());
    String url = body.url() == null ? current.url() : url(body.url());
    store.repositoryByName(name).filter(other -> other.id() != current.id()).ifPresent(other -> {
      throw ApiException.conflict("REPOSITORY_EXISTS", "a repository named '" + name + "' exists already");
    });
    store.updateRepository(current.id(), name, url);
    request.json(RepositoryView.of(store.repository(current.id()).orElseThrow()));
  }

  private void deleteRepository(RequestContext request) {
    if (!store.deleteRepository(repository(request).id())) {
      throw ApiException.notFound("no such repository");
    }
    request.noContent();
  }

  private void listKeys(RequestContext request) {
    Paging paging = Paging.of(request);
    request.json(paging.page(store.keys(paging.offset(), paging.limit()), store.keyCount()).map(KeyView::of));
  }

  private void addKey(RequestContext request) {
    KeyRequest body = request.body(KeyRequest.class);
    String name = name(body.name());
    if (body.publicKey() == null || body.publicKey().isBlank()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "publicKey: is required");
    }
    PublicKey key;
    try {
      key = PluginKeys.parsePublicKey(body.publicKey());
    } catch (IllegalArgumentException e) {
      throw ApiException.unprocessable("INVALID_KEY", "publicKey: " + e.getMessage());
    }
    String keyId = PluginKeys.keyId(key);
    if (store.keyByKeyId(keyId).isPresent()) {
      throw ApiException.conflict("KEY_EXISTS", "key " + keyId + " is trusted already");
    }
    long id = store.addKey(keyId, name, PluginKeys.publicKeyText(key));
    request.status(201).json(KeyView.of(store.key(id).orElseThrow()));
  }

  private void deleteKey(RequestContext request) {
    long id = id(request.pathParam("id"), "key");
    if (!store.deleteKey(id)) {
      throw ApiException.notFound("no key " + id);
    }
    request.noContent();
  }

  private PluginStore.Repository repository(RequestContext request) {
    long id = id(request.pathParam("id"), "repository");
    return store.repository(id).orElseThrow(() -> ApiException.notFound("no repository " + id));
  }

  private static long id(String text, String what) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no " + what + " " + text);
    }
  }

  private static String name(String name) {
    if (name == null || name.isBlank()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "name: is required");
    }
    if (name.trim().length() > MAX_NAME) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "name: at most " + MAX_NAME + " characters");
    }
    return name.trim();
  }

  private static String url(String url) {
    if (url != null && url.length() > MAX_URL) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "url: at most " + MAX_URL + " characters");
    }
    return PluginDownloads.httpUrl(url, "url").toString();
  }
}
