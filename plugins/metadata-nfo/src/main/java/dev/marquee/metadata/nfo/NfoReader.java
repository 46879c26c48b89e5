package dev.marquee.metadata.nfo;

import dev.marquee.api.MediaKind;
import dev.marquee.api.metadata.Image;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.Person;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads one Kodi NFO into a {@link MetadataPatch}. Tolerates what real NFOs hold: a byte-order mark,
 * an XML declaration that lies about the encoding, text or a URL after the XML (a "URL NFO": the
 * TMDb or IMDb address gives the id), several {@code <episodedetails>} in one file (multi-episode
 * files), missing fields. Secure: DTDs and external entities are refused.
 */
final class NfoReader {
  private static final Pattern ROOT = Pattern.compile("<(movie|tvshow|episodedetails)[\\s>/]");
  private static final Pattern DECLARATION = Pattern.compile("<\\?xml[^>]*\\?>");
  private static final Pattern TMDB_URL = Pattern.compile("themoviedb\\.org/(?:movie|tv)/(\\d+)");
  private static final Pattern IMDB_URL = Pattern.compile("imdb\\.[a-z.]+/title/(tt\\d+)");
  private static final Pattern TVDB_URL = Pattern.compile("thetvdb\\.com/.*?[?&]id=(\\d+)|thetvdb\\.com/series/(\\d+)");
  private static final Pattern RUNTIME_MINUTES = Pattern.compile("(\\d+)");

  private NfoReader() {}

  /**
   * The patch the NFO at {@code file} describes for an item of {@code kind}; for a multi-episode NFO
   * the {@code <episodedetails>} of {@code episode}, else the first.
   *
   * @return empty when the file holds neither the element for {@code kind} nor a provider URL
   * @throws IOException when the file cannot be read or its XML is broken beyond repair
   */
  static Optional<MetadataPatch> read(Path file, MediaKind kind, Optional<Integer> episode) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    String rootName = switch (kind) {
      case MOVIE -> "movie";
      case SERIES -> "tvshow";
      case EPISODE -> "episodedetails";
      default -> null;
    };
    if (rootName == null) {
      return Optional.empty();
    }
    Matcher start = ROOT.matcher(text);
    int end = text.lastIndexOf("</" + rootName + ">");
    if (!start.find() || end < 0) {
      return urlOnly(text);
    }
    String xml = DECLARATION.matcher(text.substring(start.start(), end + rootName.length() + 3)).replaceAll("");
    String outside = text.substring(0, start.start()) + "\n" + text.substring(end + rootName.length() + 3);
    Element wrapper = parse("<nfo>" + xml + "</nfo>").getDocumentElement();
    List<Element> roots = children(wrapper, rootName);
    if (roots.isEmpty()) {
      return urlOnly(text);
    }
    Element root = roots.get(0);
    if (kind == MediaKind.EPISODE && episode.isPresent()) {
      root = roots.stream().filter(e -> integer(text(e, "episode")).equals(episode)).findFirst().orElse(root);
    }
    MetadataPatch.Builder patch = MetadataPatch.builder();
    describe(root, kind, file.getParent(), patch);
    urlIds(outside).forEach((provider, id) -> {
      if (!patch.build().externalIds().containsKey(provider)) {
        patch.externalId(provider, id);
      }
    });
    return Optional.of(patch.build());
  }

  private static void describe(Element root, MediaKind kind, Path dir, MetadataPatch.Builder patch) {
    text(root, "title").ifPresent(patch::title);
    text(root, "originaltitle").ifPresent(patch::originalTitle);
    text(root, "sorttitle").ifPresent(patch::sortTitle);
    text(root, "plot").or(() -> text(root, "outline")).ifPresent(patch::overview);
    text(root, "tagline").ifPresent(patch::tagline);
    text(root, "premiered").or(() -> text(root, "aired")).or(() -> text(root, "releasedate"))
        .flatMap(NfoReader::date).ifPresent(patch::releaseDate);
    integer(text(root, "year")).filter(y -> y > 1800 && y < 3000).ifPresent(patch::year);
    text(root, "runtime").flatMap(NfoReader::minutes).ifPresent(patch::runtime);
    text(root, "mpaa").map(NfoReader::contentRating).filter(s -> !s.isEmpty()).ifPresent(patch::contentRating);
    rating(root).ifPresent(patch::communityRating);
    ids(root, patch);
    for (Element genre : children(root, "genre")) {
      for (String name : genre.getTextContent().split("\\s*/\\s*")) {
        if (!name.isBlank()) {
          patch.genre(name.trim());
        }
      }
    }
    children(root, "studio").stream().map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty()).forEach(patch::studio);
    people(root, dir, patch);
    images(root, kind, dir, patch);
  }

  private static void ids(Element root, MetadataPatch.Builder patch) {
    // A later value replaces an earlier one for a provider: add the default id last so that it wins.
    List<Element> uniqueIds = children(root, "uniqueid");
    uniqueIds.stream().sorted(Comparator.comparing(e -> "true".equalsIgnoreCase(e.getAttribute("default"))))
        .forEach(e -> {
          String type = e.getAttribute("type").trim().toLowerCase(Locale.ROOT);
          String value = e.getTextContent().trim();
          if (value.isEmpty()) {
            return;
          }
          if (type.isEmpty()) {
            type = value.startsWith("tt") ? "imdb" : "unknown";
          }
          if (type.equals("themoviedb")) {
            type = "tmdb";
          }
          if (!type.equals("unknown")) {
            patch.externalId(type, value);
          }
        });
    Map<String, String> known = patch.build().externalIds();
    text(root, "tmdbid").filter(v -> !known.containsKey("tmdb")).ifPresent(v -> patch.externalId("tmdb", v));
    text(root, "imdbid").or(() -> text(root, "imdb_id")).filter(v -> !known.containsKey("imdb"))
        .ifPresent(v -> patch.externalId("imdb", v));
    text(root, "tvdbid").filter(v -> !known.containsKey("tvdb")).ifPresent(v -> patch.externalId("tvdb", v));
    text(root, "id").filter(v -> v.startsWith("tt") && !known.containsKey("imdb")).ifPresent(v -> patch.externalId("imdb", v));
  }

  private static Optional<Double> rating(Element root) {
    List<Element> ratings = children(root, "ratings").stream().flatMap(r -> children(r, "rating").stream()).toList();
    Optional<Element> chosen = ratings.stream().filter(r -> "true".equalsIgnoreCase(r.getAttribute("default"))).findFirst()
        .or(() -> ratings.stream().findFirst());
    if (chosen.isPresent()) {
      Optional<Double> value = decimal(text(chosen.get(), "value"));
      double max = decimal(Optional.of(chosen.get().getAttribute("max"))).filter(m -> m > 0).orElse(10.0);
      Optional<Double> scaled = value.map(v -> v * 10.0 / max).filter(v -> v >= 0 && v <= 10);
      if (scaled.isPresent()) {
        return scaled;
      }
    }
    return decimal(text(root, "rating")).filter(v -> v >= 0 && v <= 10);
  }

  private static void people(Element root, Path dir, MetadataPatch.Builder patch) {
    record Actor(Person person, int order, int position) {}
    List<Actor> actors = new ArrayList<>();
    List<Element> actorElements = children(root, "actor");
    for (int i = 0; i < actorElements.size(); i++) {
      Element actor = actorElements.get(i);
      Optional<String> name = text(actor, "name");
      if (name.isEmpty()) {
        continue;
      }
      Optional<URI> thumb = text(actor, "thumb").flatMap(t -> imageUri(t, dir));
      Person person = new Person(name.get(), Person.Role.ACTOR, text(actor, "role"), Map.of(), thumb);
      actors.add(new Actor(person, integer(text(actor, "order")).orElse(Integer.MAX_VALUE), i));
    }
    actors.stream().sorted(Comparator.comparingInt(Actor::order).thenComparingInt(Actor::position))
        .forEach(a -> patch.person(a.person()));
    children(root, "director").stream().map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty())
        .forEach(n -> patch.person(Person.of(n, Person.Role.DIRECTOR)));
    children(root, "credits").stream().map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty())
        .forEach(n -> patch.person(Person.of(n, Person.Role.WRITER)));
  }

  private static void images(Element root, MediaKind kind, Path dir, MetadataPatch.Builder patch) {
    for (Element thumb : children(root, "thumb")) {
      Image.Type type = switch (thumb.getAttribute("aspect").trim().toLowerCase(Locale.ROOT)) {
        case "poster" -> Image.Type.POSTER;
        case "landscape", "thumb" -> Image.Type.THUMBNAIL;
        case "banner" -> Image.Type.BANNER;
        case "clearlogo", "logo" -> Image.Type.LOGO;
        case "fanart" -> Image.Type.BACKDROP;
        case "" -> kind == MediaKind.EPISODE ? Image.Type.THUMBNAIL : Image.Type.POSTER;
        default -> null;
      };
      if (type != null && "".equals(thumb.getAttribute("season"))) {
        imageUri(thumb.getTextContent(), dir).ifPresent(uri -> patch.image(Image.of(type, uri)));
      }
    }
    for (Element fanart : children(root, "fanart")) {
      String base = fanart.getAttribute("url").trim();
      for (Element thumb : children(fanart, "thumb")) {
        imageUri(base + thumb.getTextContent().trim(), dir).ifPresent(uri -> patch.image(Image.of(Image.Type.BACKDROP, uri)));
      }
    }
  }

  /** An http(s) URL as it is; a relative or absolute path as a file URI when the file exists. */
  private static Optional<URI> imageUri(String raw, Path dir) {
    String value = raw.trim();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      try {
        return Optional.of(URI.create(value.replace(" ", "%20")));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    try {
      Path path = dir == null ? Path.of(value) : dir.resolve(value);
      return Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath().normalize().toUri()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<MetadataPatch> urlOnly(String text) {
    Map<String, String> ids = urlIds(text);
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    MetadataPatch.Builder patch = MetadataPatch.builder();
    ids.forEach(patch::externalId);
    return Optional.of(patch.build());
  }

  private static Map<String, String> urlIds(String text) {
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    Matcher tmdb = TMDB_URL.matcher(text);
    if (tmdb.find()) {
      ids.put("tmdb", tmdb.group(1));
    }
    Matcher imdb = IMDB_URL.matcher(text);
    if (imdb.find()) {
      ids.put("imdb", imdb.group(1));
    }
    Matcher tvdb = TVDB_URL.matcher(text);
    if (tvdb.find()) {
      ids.put("tvdb", tvdb.group(1) != null ? tvdb.group(1) : tvdb.group(2));
    }
    return ids;
  }

  private static Document parse(String xml) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
    } catch (SAXException e) {
      throw new IOException("broken NFO XML: " + e.getMessage(), e);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equalsIgnoreCase(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static Optional<String> text(Element parent, String name) {
    return children(parent, name).stream().map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty()).findFirst();
  }

  private static Optional<Integer> integer(Optional<String> value) {
    try {
      return value.map(String::trim).map(Integer::parseInt);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Double> decimal(Optional<String> value) {
    try {
      return value.map(String::trim).filter(s -> !s.isEmpty()).map(s -> Double.parseDouble(s.replace(',', '.')));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<LocalDate> date(String value) {
    try {
      return Optional.of(LocalDate.parse(value.trim().length() > 10 ? value.trim().substring(0, 10) : value.trim()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Kodi writes minutes; some tools write "136 min" or seconds-like "2h 16m" — take the leading number as minutes. */
  private static Optional<Duration> minutes(String value) {
    Matcher m = RUNTIME_MINUTES.matcher(value);
    return m.find() ? Optional.of(Duration.ofMinutes(Long.parseLong(m.group(1)))).filter(d -> !d.isZero()) : Optional.empty();
  }

  /** "Rated PG-13" → "PG-13"; "US:PG-13" / "Germany:FSK 12" → the part after the country. */
  private static String contentRating(String value) {
    String v = value.trim();
    if (v.regionMatches(true, 0, "Rated ", 0, 6)) {
      v = v.substring(6).trim();
    }
    int colon = v.lastIndexOf(':');
    if (colon >= 0) {
      v = v.substring(colon + 1).trim();
    }
    return v.length() > 32 ? v.substring(0, 32) : v;
  }
}
