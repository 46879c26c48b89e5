package dev.marquee.kernel.plugins;

import dev.marquee.api.ApiVersion;
import dev.marquee.api.PluginContext;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStateEvent;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.util.FileUtils;

/**
 * PF4J's manager, adapted to Marquee:
 *
 * <ul>
 *   <li>a plugin is a {@code .jar} or a {@code .zip} ({@code classes/} + {@code lib/}); zips are
 *       expanded under the cache directory, never next to the file, so a read-only folder works;
 *   <li>the system version is the plugin API's ({@link ApiVersion#current()}), and a plugin whose
 *       {@code Plugin-Requires} excludes it, or whose id is unusable, is refused before any class
 *       loader is made ({@link PluginRefusedException});
 *   <li>a plugin's main class and its extensions are built with a {@code (PluginContext)}
 *       constructor when they have one, else a no-argument one; each extension class is built once
 *       per plugin start and shared by every extension point it implements;
 *   <li>a plugin cannot load kernel classes ({@link ApiOnlyClassLoader}).
 * </ul>
 *
 * <p>Not thread-safe on its own: {@link PluginHost} serialises every change.
 */
final class MarqueePluginManager extends DefaultPluginManager {
  /** Plugin ids end up in paths, table names and config keys: keep them plain. */
  private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
  private static final String KERNEL_OWNER = "kernel";

  private final Path cacheDir;
  private final PluginContexts contexts;
  private final Map<String, PluginContext> contextById = new ConcurrentHashMap<>();
  private final Map<String, Map<Class<?>, Object>> extensionsById = new ConcurrentHashMap<>();

  MarqueePluginManager(PluginDirs dirs, PluginContexts contexts) {
    super(List.of(dirs.pluginsDir()));
    this.cacheDir = dirs.cacheDir();
    this.contexts = contexts;
    setSystemVersion(ApiVersion.current());
  }

  /**
   * Loads the plugin in {@code file} (a jar or a zip), without starting it.
   *
   * @return the plugin's id
   * @throws PluginRefusedException when the file is not a usable plugin
   * @throws PluginRuntimeException when a plugin with the same id is loaded already, or loading fails
   */
  String load(Path file, String cacheName) {
    Path path = FileUtils.isZipFile(file) ? expand(file, cacheDir.resolve(cacheName)) : file;
    PluginDescriptor descriptor = describe(path);
    checkUsable(descriptor);
    if (getPlugin(descriptor.getPluginId()) != null) {
      throw new PluginRuntimeException("plugin '" + descriptor.getPluginId() + "' is loaded already");
    }
    PluginWrapper wrapper = loadPluginFromPath(path);
    try {
      resolvePlugins();
    } catch (PluginRuntimeException e) {
      // Plugin-Dependencies that are missing or of the wrong version: leave nothing half-loaded.
      unloadPlugin(wrapper.getPluginId());
      throw new PluginRefusedException(wrapper.getPluginId(), "plugin '" + wrapper.getPluginId() + "' cannot be resolved: " + e.getMessage());
    }
    return wrapper.getPluginId();
  }

  /** Reads the descriptor of the plugin at {@code file} (jar or zip) without loading it. */
  PluginDescriptor describe(Path path) {
    try {
      return getPluginDescriptorFinder().find(path);
    } catch (RuntimeException e) {
      throw new PluginRefusedException(null, "not a Marquee plugin (" + path.getFileName() + "): " + e.getMessage());
    }
  }

  private void checkUsable(PluginDescriptor descriptor) {
    String id = descriptor.getPluginId();
    if (id == null || !PLUGIN_ID.matcher(id).matches() || id.equals(KERNEL_OWNER)) {
      throw new PluginRefusedException(id, "plugin id '" + id + "' is not allowed: use 1-40 characters a-z, 0-9, '-' or '_', "
          + "starting with a letter, and not 'kernel'");
    }
    String requires = descriptor.getRequires() == null ? "" : descriptor.getRequires().trim();
    if (requires.isEmpty() || requires.equals("*")) {
      return;
    }
    if (requires.matches("\\d+\\.\\d+\\.\\d+")) {
      requires = ">=" + requires; // PF4J's reading of a bare version
    }
    boolean satisfied;
    try {
      satisfied = getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
    } catch (RuntimeException e) {
      throw new PluginRefusedException(id, "plugin '" + id + "' has a malformed Plugin-Requires '" + descriptor.getRequires() + "'");
    }
    if (!satisfied) {
      throw new PluginRefusedException(id, "plugin '" + id + "' " + descriptor.getVersion() + " requires plugin API "
          + descriptor.getRequires() + ", but this server provides " + getSystemVersion());
    }
  }

  /** Expands {@code zip} into {@code target}, replacing what was there; refuses entries that escape it. */
  private static Path expand(Path zip, Path target) {
    try {
      if (Files.exists(target)) {
        FileUtils.delete(target);
      }
      Files.createDirectories(target);
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
          Path out = target.resolve(entry.getName()).normalize();
          if (!out.startsWith(target)) {
            throw new PluginRefusedException(null, "plugin zip " + zip.getFileName() + " has an entry outside its root: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(out);
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new PluginRefusedException(null, "cannot expand plugin zip " + zip.getFileName() + ": " + e.getMessage());
    }
  }

  /** The context of a loaded plugin: made on first use, kept until the plugin is unloaded. */
  PluginContext context(String pluginId) {
    return contextById.computeIfAbsent(pluginId, contexts::create);
  }

  /** Forgets the extension instances of {@code pluginId}, so that its next start builds new ones. */
  void forgetExtensions(String pluginId) {
    extensionsById.remove(pluginId);
  }

  @Override
  public boolean unloadPlugin(String pluginId) {
    forgetExtensions(pluginId);
    closeSubscriptions(pluginId);
    boolean unloaded = super.unloadPlugin(pluginId);
    if (unloaded) {
      contextById.remove(pluginId);
    }
    return unloaded;
  }

  /** Starts the plugin with the settings an admin stored last. */
  @Override
  public PluginState startPlugin(String pluginId) {
    PluginContext context = contextById.get(pluginId);
    if (context != null) {
      contexts.reloadSettings(context);
    }
    return super.startPlugin(pluginId);
  }

  /** Stops the plugin, then closes the event subscriptions it left open. */
  @Override
  public PluginState stopPlugin(String pluginId) {
    PluginState state = super.stopPlugin(pluginId);
    closeSubscriptions(pluginId);
    return state;
  }

  private void closeSubscriptions(String pluginId) {
    PluginContext context = contextById.get(pluginId);
    if (context != null && context.events() instanceof PluginEventBus events) {
      int closed = events.closeAll();
      if (closed > 0) {
        context.logger().info("{} event subscription(s) left open by the plugin closed", closed);
      }
    }
  }

  /** Marks a plugin failed after the kernel refused what it contributed; closes its subscriptions. */
  void markFailed(PluginWrapper wrapper, Throwable cause) {
    closeSubscriptions(wrapper.getPluginId());
    PluginState old = wrapper.getPluginState();
    wrapper.setPluginState(PluginState.FAILED);
    wrapper.setFailedException(cause);
    firePluginStateEvent(new PluginStateEvent(this, wrapper, old));
  }

  // The factories below are made by PF4J's constructor, before this class's fields are set: they
  // only capture "this" and read the fields when called, which is after construction.

  @Override
  protected PluginFactory createPluginFactory() {
    return wrapper -> {
      String className = wrapper.getDescriptor().getPluginClass();
      try {
        Class<?> type = wrapper.getPluginClassLoader().loadClass(className);
        if (!Plugin.class.isAssignableFrom(type)) {
          throw new PluginRuntimeException("Plugin-Class " + className + " does not extend org.pf4j.Plugin");
        }
        return (Plugin) instantiate(type, wrapper.getPluginId());
      } catch (ClassNotFoundException e) {
        throw new PluginRuntimeException("Plugin-Class " + className + " is not in the plugin");
      }
    };
  }

  @Override
  protected ExtensionFactory createExtensionFactory() {
    return new ExtensionFactory() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T create(Class<T> type) {
        PluginWrapper owner = whichPlugin(type);
        if (owner == null) {
          return (T) instantiate(type, null);
        }
        Map<Class<?>, Object> built = extensionsById.computeIfAbsent(owner.getPluginId(), id -> new ConcurrentHashMap<>());
        return (T) built.computeIfAbsent(type, t -> instantiate(t, owner.getPluginId()));
      }
    };
  }

  /** Jars and expanded zips, each in an {@link ApiOnlyClassLoader}. */
  @Override
  protected PluginLoader createPluginLoader() {
    return new CompoundPluginLoader()
        .add(new JarPluginLoader(this) {
          @Override
          protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new ApiOnlyClassLoader(pluginManager, descriptor, MarqueePluginManager.class.getClassLoader());
          }
        })
        .add(new DefaultPluginLoader(this) {
          @Override
          protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new ApiOnlyClassLoader(pluginManager, descriptor, MarqueePluginManager.class.getClassLoader());
          }
        });
  }

  /** A plugin's enabled state is not persisted: every plugin found is loaded, and started at kernel start. */
  @Override
  protected PluginStatusProvider createPluginStatusProvider() {
    return new PluginStatusProvider() {
      @Override
      public boolean isPluginDisabled(String pluginId) {
        return false;
      }

      @Override
      public void disablePlugin(String pluginId) {
        throw new UnsupportedOperationException("stop the plugin instead");
      }

      @Override
      public void enablePlugin(String pluginId) {}
    };
  }

  /** {@code new T(context)} when there is such a public constructor and a plugin, else {@code new T()}. */
  private Object instantiate(Class<?> type, String pluginId) {
    try {
      if (pluginId != null) {
        try {
          Constructor<?> withContext = type.getConstructor(PluginContext.class);
          return withContext.newInstance(context(pluginId));
        } catch (NoSuchMethodException e) {
          // fall through to the no-argument constructor
        }
      }
      return type.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new PluginRuntimeException(type.getName() + " needs a public constructor taking a PluginContext, or none");
    } catch (InvocationTargetException e) {
      throw new PluginRuntimeException(e.getCause(), "{}", "constructing " + type.getName() + " failed: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new PluginRuntimeException(e, "{}", "cannot construct " + type.getName() + ": " + e);
    }
  }
}
