package dev.marquee.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pf4j.ExtensionPoint;

/**
 * Keeps the plugin API's extension points in the shape ARCHITECTURE.md and the style guide ask for:
 * small interfaces in their own sub-packages, documented, and free of kernel classes.
 */
class ExtensionPointsTest {
  private static final int MAX_ABSTRACT_METHODS = 6;
  private static final Set<String> EXPECTED = Set.of(
      "dev.marquee.api.http.RouteContributor",
      "dev.marquee.api.task.ScheduledTask",
      "dev.marquee.api.metadata.MetadataProvider",
      "dev.marquee.api.backend.BackendConnector",
      "dev.marquee.api.transcode.TranscoderDriver",
      "dev.marquee.api.subtitle.SubtitleSource",
      "dev.marquee.api.subtitle.SubtitleProvider",
      "dev.marquee.api.marker.MarkerDetector");
  private static final Path SOURCES = Path.of("src/main/java");

  static Path classesDir;
  static List<Class<?>> apiTypes;

  @BeforeAll
  static void loadApiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
    classesDir = Path.of(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(classesDir).as("plugin-api classes are a directory during the build").isDirectory();
    apiTypes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classesDir.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (!name.endsWith("package-info")) {
          apiTypes.add(Class.forName(name, false, ExtensionPointsTest.class.getClassLoader()));
        }
      }
    }
  }

  static List<Class<?>> extensionPoints() {
    return apiTypes.stream().filter(ExtensionPoint.class::isAssignableFrom).filter(t -> t != ExtensionPoint.class).toList();
  }

  @Test
  void extensionPoints_areExactlyTheOnesOfTheArchitecture() {
    assertThat(extensionPoints()).extracting(Class::getName).containsExactlyInAnyOrderElementsOf(EXPECTED);
  }

  @Test
  void everyExtensionPoint_isAPublicInterfaceInASubPackage() {
    for (Class<?> point : extensionPoints()) {
      assertThat(point.isInterface()).as("%s is an interface", point.getName()).isTrue();
      assertThat(Modifier.isPublic(point.getModifiers())).as("%s is public", point.getName()).isTrue();
      assertThat(point.getInterfaces()).as("%s extends ExtensionPoint directly", point.getName()).contains(ExtensionPoint.class);
      assertThat(point.getPackageName()).as("%s lives in its own sub-package", point.getName()).startsWith("dev.marquee.api.");
      assertThat(Files.isRegularFile(SOURCES.resolve(point.getPackageName().replace('.', '/')).resolve("package-info.java")))
          .as("%s's package has a package-info.java", point.getName()).isTrue();
    }
  }

  @Test
  void everyExtensionPoint_hasASmallSurface() {
    for (Class<?> point : extensionPoints()) {
      List<String> abstractMethods = Arrays.stream(point.getMethods())
          .filter(m -> Modifier.isAbstract(m.getModifiers()))
          .map(Method::getName)
          .toList();
      assertThat(abstractMethods).as("abstract methods of %s", point.getName()).hasSizeLessThanOrEqualTo(MAX_ABSTRACT_METHODS);
    }
  }

  @Test
  void extensionPointMethods_returnNoArraysAndNoNullableWrappers() {
    for (Class<?> point : extensionPoints()) {
      for (Method method : point.getMethods()) {
        assertThat(method.getReturnType().isArray()).as("%s.%s returns a List, not an array", point.getSimpleName(), method.getName()).isFalse();
        assertThat(method.getReturnType().getName()).as("%s.%s", point.getSimpleName(), method.getName())
            .isNotIn("java.util.ArrayList", "java.util.HashMap", "java.util.HashSet", "java.lang.Object");
      }
    }
  }

  @Test
  void api_referencesNoKernelClass() throws IOException {
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as("%s must not use kernel classes", classesDir.relativize(file)).doesNotContain("dev/marquee/kernel");
      }
    }
  }

  @Test
  void publicTypesAndInterfaceMethods_haveJavadoc() throws IOException {
    Set<String> undocumented = new TreeSet<>();
    for (Class<?> type : apiTypes) {
      if (!Modifier.isPublic(type.getModifiers()) || type.isAnonymousClass() || type.isSynthetic()) {
        continue;
      }
      List<String> source = sourceOf(type);
      if (!documented(source, Pattern.compile("^\\s*(public\\s+)?(static\\s+)?(final\\s+|sealed\\s+|abstract\\s+)*"
          + "(class|interface|record|enum|@interface)\\s+" + type.getSimpleName() + "\\b"))) {
        undocumented.add(type.getName());
      }
      if (type.isInterface()) {
        for (Method method : type.getDeclaredMethods()) {
          if (Modifier.isAbstract(method.getModifiers()) && !documented(source, declarationOf(method.getName()))) {
            undocumented.add(type.getName() + "#" + method.getName());
          }
        }
      }
    }
    assertThat(undocumented).as("public types and interface methods without Javadoc").isEmpty();
  }

  private static List<String> sourceOf(Class<?> type) throws IOException {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return Files.readAllLines(SOURCES.resolve(top.getName().replace('.', '/') + ".java"));
  }

  /** A member declaration (indented at most two levels, not a call or a comment) of {@code name}. */
  private static Pattern declarationOf(String name) {
    return Pattern.compile("^ {2}( {2})?(?=\\S)(?![*/])(?!return\\b)[\\w<>\\[\\],.? ]*[\\w>\\]] " + name + "\\(");
  }

  /** Whether every line matching {@code declaration} follows a Javadoc, skipping annotations; false when none matches. */
  private static boolean documented(List<String> lines, Pattern declaration) {
    boolean found = false;
    for (int i = 0; i < lines.size(); i++) {
      if (!declaration.matcher(lines.get(i)).find()) {
        continue;
      }
      found = true;
      int j = i - 1;
      while (j >= 0 && (lines.get(j).isBlank() || lines.get(j).trim().startsWith("@"))) {
        j--;
      }
      if (j < 0 || !lines.get(j).trim().endsWith("*/")) {
        return false;
      }
    }
    return found;
  }
}
