package dev.marquee.kernel.library;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a book file's MIME type and embedded metadata with Apache Tika (title, authors, language,
 * identifier, description), stopping before the text itself is extracted. EPUB series (Calibre's
 * {@code calibre:series} or EPUB 3's {@code belongs-to-collection}) come from the package document,
 * which Tika does not report.
 */
@Singleton
class BookReader {
  private static final Logger log = LoggerFactory.getLogger(BookReader.class);
  private static final String DC = "http://purl.org/dc/elements/1.1/";

  /**
   * What a book file says about itself; null fields are unknown.
   *
   * @param authors comma-separated
   */
  record BookInfo(String mimeType, String title, String authors, String seriesName, String language, String isbn,
      String description) {
    static final BookInfo EMPTY = new BookInfo(null, null, null, null, null, null, null);

    /** The guess from the path, with what the file says on top. */
    MediaGuess.Book over(MediaGuess.Book guess) {
      return new MediaGuess.Book(title != null ? title : guess.title(), authors != null ? authors : guess.authors(),
          seriesName != null ? seriesName : guess.seriesName(), language, isbn, description);
    }
  }

  /** Tika loads its parsers on first use, not at kernel start. */
  private static final class Tika {
    static final AutoDetectParser PARSER = new AutoDetectParser();
  }

  /**
   * The detector of Tika's default configuration (the parser's own), for files with nothing to
   * parse: without the parsers it loads in about half the time.
   */
  private static final class Detection {
    static final Detector DETECTOR = new DefaultDetector();
  }

  /**
   * The detected type of an empty file by its extension: with no bytes to look at, Tika decides by
   * the name's glob alone, and running all its detectors costs ~0.1 ms a file.
   */
  private final Map<String, String> emptyFileTypes = new ConcurrentHashMap<>();

  @Inject
  BookReader() {}

  /** Never throws: an unreadable book is known by its path alone. */
  BookInfo read(Path file) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
    if (isEmpty(file)) {
      return new BookInfo(emptyFileTypes.computeIfAbsent(NameParser.extension(file), ext -> detect(metadata)), null,
          null, null, null, null, null);
    }
    try (TikaInputStream in = TikaInputStream.get(file, metadata)) {
      Tika.PARSER.parse(in, new StopAtText(), metadata, new ParseContext());
    } catch (Exception e) {
      if (!(e instanceof EnoughException) && !(e.getCause() instanceof EnoughException)) {
        log.debug("tika could not read {}: {}", file, e.toString());
      }
    }
    String mime = metadata.get(Metadata.CONTENT_TYPE);
    if (mime != null) {
      mime = MediaType.parse(mime).getBaseType().toString();
    }
    List<String> identifiers = new ArrayList<>(Arrays.asList(metadata.getValues(TikaCoreProperties.IDENTIFIER)));
    String title = blankToNull(metadata.get(TikaCoreProperties.TITLE));
    String authors = joined(metadata.getValues(TikaCoreProperties.CREATOR));
    String language = blankToNull(metadata.get(TikaCoreProperties.LANGUAGE));
    String description = blankToNull(metadata.get(TikaCoreProperties.DESCRIPTION));
    String series = null;
    if ("application/epub+zip".equals(mime) || NameParser.extension(file).equals("epub")) {
      Opf opf = readOpf(file);
      if (opf != null) {
        title = title != null ? title : opf.title;
        authors = authors != null ? authors : joined(opf.creators.toArray(String[]::new));
        language = language != null ? language : opf.language;
        description = description != null ? description : opf.description;
        identifiers.addAll(opf.identifiers);
        series = opf.series;
      }
    }
    return new BookInfo(mime, title, authors, series, language, isbn(identifiers), description);
  }

  private static boolean isEmpty(Path file) {
    try {
      return Files.size(file) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The type of an empty file, by its name, as a parse would have detected it: nothing to parse, and
   * a parser failing on zero bytes costs an exception per file.
   */
  private static String detect(Metadata metadata) {
    try (InputStream empty = new ByteArrayInputStream(new byte[0])) {
      return Detection.DETECTOR.detect(empty, metadata).getBaseType().toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static String joined(String[] values) {
    Set<String> names = new LinkedHashSet<>();
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        names.add(value.strip());
      }
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  /** The first identifier that is an ISBN-10 or ISBN-13, digits only. */
  static String isbn(List<String> identifiers) {
    for (String identifier : identifiers) {
      if (identifier == null) {
        continue;
      }
      String value = identifier.strip().toLowerCase(Locale.ROOT).replaceFirst("^(urn:)?isbn:?", "").replaceAll("[\\s-]", "");
      if (value.matches("97[89]\\d{10}|\\d{9}[\\dx]")) {
        return value.toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** The package document's fields. */
  private static final class Opf {
    String title;
    final List<String> creators = new ArrayList<>();
    String language;
    String description;
    final List<String> identifiers = new ArrayList<>();
    String series;
  }

  private static Opf readOpf(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry container = zip.getEntry("META-INF/container.xml");
      if (container == null) {
        return null;
      }
      Document containerDoc = parse(zip, container);
      NodeList rootfiles = containerDoc.getElementsByTagNameNS("*", "rootfile");
      if (rootfiles.getLength() == 0) {
        return null;
      }
      ZipEntry opfEntry = zip.getEntry(((Element) rootfiles.item(0)).getAttribute("full-path"));
      if (opfEntry == null) {
        return null;
      }
      Document doc = parse(zip, opfEntry);
      Opf opf = new Opf();
      opf.title = firstText(doc, "title");
      opf.language = firstText(doc, "language");
      opf.description = firstText(doc, "description");
      NodeList creators = doc.getElementsByTagNameNS(DC, "creator");
      for (int i = 0; i < creators.getLength(); i++) {
        opf.creators.add(creators.item(i).getTextContent());
      }
      NodeList identifiers = doc.getElementsByTagNameNS(DC, "identifier");
      for (int i = 0; i < identifiers.getLength(); i++) {
        opf.identifiers.add(identifiers.item(i).getTextContent());
      }
      NodeList metas = doc.getElementsByTagNameNS("*", "meta");
      for (int i = 0; i < metas.getLength() && opf.series == null; i++) {
        Element meta = (Element) metas.item(i);
        if ("calibre:series".equals(meta.getAttribute("name"))) {
          opf.series = blankToNull(meta.getAttribute("content"));
        } else if ("belongs-to-collection".equals(meta.getAttribute("property"))) {
          opf.series = blankToNull(meta.getTextContent());
        }
      }
      return opf;
    } catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
      log.debug("cannot read the package document of {}: {}", file, e.toString());
      return null;
    }
  }

  private static String firstText(Document doc, String dcName) {
    NodeList nodes = doc.getElementsByTagNameNS(DC, dcName);
    Node node = nodes.getLength() > 0 ? nodes.item(0) : null;
    return node == null ? null : blankToNull(node.getTextContent());
  }

  private static Document parse(ZipFile zip, ZipEntry entry) throws IOException, SAXException, ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    try (InputStream in = zip.getInputStream(entry)) {
      return builder.parse(in);
    }
  }

  /** Thrown by {@link StopAtText} once the metadata is in and the text begins. */
  private static final class EnoughException extends SAXException {
    EnoughException() {
      super("metadata read; the text is not needed");
    }
  }

  /** Lets Tika fill the metadata, then stops it at the first paragraph of text. */
  private static final class StopAtText extends DefaultHandler {
    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
      if (localName.equals("p") || localName.equals("div")) {
        throw new EnoughException();
      }
    }
  }
}
