package dev.marquee.kernel.plugins.repository;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marquee plugin keygen | sign | index}: the plugin author's tools for signing artifacts and
 * publishing a repository (see {@code docs/plugin-authors.md}). Output goes to the command line's
 * own writers, so tests can run it in-process.
 */
@Command(name = "plugin", description = "Sign plugin artifacts and write plugin repositories.",
    subcommands = {PluginCommand.Keygen.class, PluginCommand.Sign.class, PluginCommand.Index.class})
public final class PluginCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code keygen --out DIR [--name NAME]}: a new Ed25519 key pair. */
  @Command(name = "keygen", description = "Create an Ed25519 key pair: DIR/NAME.key (private, mode 600) and DIR/NAME.pub; prints the key id.")
  static final class Keygen implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "Folder to write the keys to")
    Path out;

    @Option(names = "--name", defaultValue = "marquee-plugin", description = "File name of the keys, without extension (default ${DEFAULT-VALUE})")
    String name;

    @Override
    public Integer call() throws IOException {
      Path privateFile = out.resolve(name + ".key");
      Path publicFile = out.resolve(name + ".pub");
      if (Files.exists(privateFile) || Files.exists(publicFile)) {
        spec.commandLine().getErr().println("refusing to overwrite " + privateFile + " or " + publicFile);
        return 1;
      }
      Files.createDirectories(out);
      KeyPair pair = PluginKeys.generate();
      writePrivate(privateFile, PluginKeys.privateKeyText(pair.getPrivate()));
      Files.writeString(publicFile, PluginKeys.publicKeyText(pair.getPublic()) + "\n", StandardCharsets.US_ASCII);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(PluginKeys.keyId(pair.getPublic()));
      stdout.flush();
      return 0;
    }

    private static void writePrivate(Path file, String text) throws IOException {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, text + "\n", StandardCharsets.US_ASCII);
    }
  }

  /** {@code sign --key FILE.key ARTIFACT}: prints the signature and the key id. */
  @Command(name = "sign", description = "Sign an artifact; prints the base64 signature and, on a second line, the key id.")
  static final class Sign implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, description = "The private key file (from keygen)")
    Path key;

    @Parameters(paramLabel = "ARTIFACT", description = "The plugin .jar or .zip")
    Path artifact;

    @Override
    public Integer call() throws IOException {
      PrivateKey privateKey = readPrivateKey(key);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(PluginKeys.sign(privateKey, artifact));
      stdout.println("keyId " + PluginKeys.keyId(PluginKeys.publicKeyOf(privateKey)));
      stdout.flush();
      return 0;
    }
  }

  /** {@code index --key FILE.key --repo DIR [--changelog TEXT] ARTIFACT...}: adds artifacts to a repository. */
  @Command(name = "index", description = "Copy artifacts into a repository folder and add them, signed, to its repository.json "
      + "(created when missing); id, version, requires and dependencies come from each artifact's PF4J descriptor.")
  static final class Index implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, description = "The private key file (from keygen)")
    Path key;

    @Option(names = "--repo", required = true, description = "The repository folder")
    Path repo;

    @Option(names = "--changelog", description = "Changelog text of the versions added")
    String changelog;

    @Parameters(paramLabel = "ARTIFACT", arity = "1..*", description = "Plugin .jar or .zip files")
    List<Path> artifacts;

    /** The clock of {@code released}; tests may set another. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
      PrivateKey privateKey = readPrivateKey(key);
      String keyId = PluginKeys.keyId(PluginKeys.publicKeyOf(privateKey));
      Files.createDirectories(repo);
      Path indexFile = repo.resolve("repository.json");
      RepositoryIndex index = Files.exists(indexFile)
          ? ManifestParser.parseIndex(Files.readAllBytes(indexFile))
          : new RepositoryIndex(RepositoryIndex.FORMAT_VERSION, repo.toAbsolutePath().normalize().getFileName() + " plugins", List.of());
      List<PluginManifest> plugins = new ArrayList<>(index.plugins());
      PrintWriter stdout = spec.commandLine().getOut();
      for (Path artifact : artifacts) {
        String fileName = artifact.getFileName().toString();
        PluginArchives.Descriptor d = PluginArchives.describe(artifact);
        if (!Semver.isValid(d.version())) {
          throw new IllegalArgumentException(fileName + ": Plugin-Version " + d.version() + " is not a semantic version");
        }
        Path copy = repo.resolve(fileName);
        if (!Files.exists(copy) || !Files.isSameFile(artifact, copy)) {
          Files.copy(artifact, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        PluginManifest.Release release = new PluginManifest.Release(d.version(), d.requires(), fileName, PluginKeys.sha512(copy),
            PluginKeys.sign(privateKey, copy), keyId, Files.size(copy), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(),
            changelog, d.dependencies());
        int at = indexOf(plugins, d.id());
        PluginManifest plugin = at < 0
            ? new PluginManifest(d.id(), d.id(), d.description(), d.provider(), null, null, null, List.of())
            : plugins.get(at);
        List<PluginManifest.Release> versions = new ArrayList<>(plugin.versions());
        versions.removeIf(v -> v.version().equals(d.version()));
        versions.add(release);
        versions.sort(Comparator.comparing(PluginManifest.Release::semver).reversed());
        if (at < 0) {
          plugins.add(plugin.withVersions(versions));
        } else {
          plugins.set(at, plugin.withVersions(versions));
        }
        stdout.println("added " + d.id() + " " + d.version() + " (" + fileName + ")");
      }
      RepositoryIndex updated = new RepositoryIndex(RepositoryIndex.FORMAT_VERSION, index.name(), plugins);
      ManifestParser.parseIndex(ManifestParser.mapper().writeValueAsBytes(updated)); // never write an index that would be refused
      Path temp = repo.resolve(".repository.json.tmp");
      ManifestParser.mapper().writeValue(temp.toFile(), updated);
      Files.move(temp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      stdout.println("wrote " + indexFile);
      stdout.flush();
      return 0;
    }

    private static int indexOf(List<PluginManifest> plugins, String id) {
      for (int i = 0; i < plugins.size(); i++) {
        if (plugins.get(i).id().equals(id)) {
          return i;
        }
      }
      return -1;
    }
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException {
    return PluginKeys.parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
  }
}
