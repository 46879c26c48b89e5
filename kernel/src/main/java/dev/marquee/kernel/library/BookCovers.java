package dev.marquee.kernel.library;

import dev.marquee.kernel.catalog.EmbeddedArtwork.Cover;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.inject.Inject;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the cover of a book file: an EPUB's cover image as its package document names it (EPUB 3
 * {@code properties="cover-image"}, EPUB 2 {@code <meta name="cover" content="id">}, else a manifest
 * image whose id or path says "cover"), a CBZ's first image in natural name order ({@code 2.jpg}
 * before {@code 10.jpg}), a PDF's first page rendered with PDFBox. Only images ImageIO can decode
 * are covers; JPEG and PNG are kept as they are, others become PNG. Stateless.
 */
final class BookCovers {
  private static final Logger log = LoggerFactory.getLogger(BookCovers.class);
  /** A cover larger than this is not read (nor is a zip entry claiming to be). */
  static final int MAX_BYTES = 32 * 1024 * 1024;
  /** PDF first pages are rendered this wide, in pixels (at most 4× their size in points). */
  static final int PDF_WIDTH = 600;
  private static final List<String> IMAGE_EXTENSIONS = List.of("jpg", "jpeg", "png", "gif", "bmp");

  @Inject
  BookCovers() {}

  /** The file's cover; empty for an empty, unreadable or cover-less file, or one of another type. */
  Optional<Cover> cover(Path file) {
    try {
      if (Files.size(file) == 0) {
        return Optional.empty();
      }
      return switch (NameParser.extension(file)) {
        case "epub" -> epub(file);
        case "cbz" -> cbz(file);
        case "pdf" -> pdf(file);
        default -> Optional.empty();
      };
    } catch (Exception e) {
      log.debug("no cover read from {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  private static Optional<Cover> epub(Path file) throws Exception {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry container = zip.getEntry("META-INF/container.xml");
      if (container == null) {
        return Optional.empty();
      }
      NodeList rootfiles = parse(zip, container).getElementsByTagNameNS("*", "rootfile");
      if (rootfiles.getLength() == 0) {
        return Optional.empty();
      }
      String opfPath = ((Element) rootfiles.item(0)).getAttribute("full-path");
      ZipEntry opfEntry = zip.getEntry(opfPath);
      if (opfEntry == null) {
        return Optional.empty();
      }
      Document opf = parse(zip, opfEntry);
      List<Element> items = new ArrayList<>();
      NodeList itemNodes = opf.getElementsByTagNameNS("*", "item");
      for (int i = 0; i < itemNodes.getLength(); i++) {
        items.add((Element) itemNodes.item(i));
      }
      String href = null;
      for (Element item : items) {
        if (List.of(item.getAttribute("properties").trim().split("\\s+")).contains("cover-image")) {
          href = item.getAttribute("href");
          break;
        }
      }
      if (href == null) {
        NodeList metas = opf.getElementsByTagNameNS("*", "meta");
        for (int i = 0; i < metas.getLength() && href == null; i++) {
          Element meta = (Element) metas.item(i);
          if ("cover".equals(meta.getAttribute("name"))) {
            String id = meta.getAttribute("content");
            href = items.stream().filter(item -> item.getAttribute("id").equals(id) || item.getAttribute("href").equals(id))
                .map(item -> item.getAttribute("href")).findFirst().orElse(null);
          }
        }
      }
      if (href == null) {
        href = items.stream()
            .filter(item -> item.getAttribute("media-type").startsWith("image/"))
            .filter(item -> (item.getAttribute("id") + " " + item.getAttribute("href")).toLowerCase(Locale.ROOT).contains("cover"))
            .map(item -> item.getAttribute("href")).findFirst().orElse(null);
      }
      if (href == null || href.isBlank()) {
        return Optional.empty();
      }
      ZipEntry image = zip.getEntry(resolve(opfPath, href));
      return image == null ? Optional.empty() : image(read(zip, image), extension(image.getName()));
    }
  }

  /** The zip path of {@code href} (URL-encoded, relative to the package document). */
  static String resolve(String opfPath, String href) throws URISyntaxException {
    String base = opfPath.contains("/") ? opfPath.substring(0, opfPath.lastIndexOf('/') + 1) : "";
    String path = new URI(null, null, "/" + base, null).resolve(new URI(href.trim().replace(" ", "%20"))).getPath();
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static Optional<Cover> cbz(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      List<ZipEntry> images = new ArrayList<>();
      Collections.list(zip.entries()).forEach(entry -> {
        String name = entry.getName();
        String last = name.substring(name.lastIndexOf('/') + 1);
        if (!entry.isDirectory() && !last.startsWith(".") && !name.startsWith("__MACOSX/")
            && IMAGE_EXTENSIONS.contains(extension(name))) {
          images.add(entry);
        }
      });
      images.sort(Comparator.comparing(ZipEntry::getName, BookCovers::compareNatural));
      for (ZipEntry entry : images) {
        Optional<Cover> cover = image(read(zip, entry), extension(entry.getName()));
        if (cover.isPresent()) {
          return cover;
        }
      }
      return Optional.empty();
    }
  }

  private static Optional<Cover> pdf(Path file) throws IOException {
    try (PDDocument document = Loader.loadPDF(file.toFile())) {
      if (document.getNumberOfPages() == 0) {
        return Optional.empty();
      }
      PDPage page = document.getPage(0);
      float width = Math.max(1, page.getCropBox().getWidth());
      BufferedImage rendered = new PDFRenderer(document).renderImage(0, Math.min(4f, PDF_WIDTH / width), ImageType.RGB);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(rendered, "jpg", out);
      return Optional.of(new Cover("poster", out.toByteArray(), "jpg"));
    }
  }

  /** Bytes that decode as an image, as a poster: JPEG and PNG kept, other formats as PNG. */
  private static Optional<Cover> image(byte[] bytes, String extension) throws IOException {
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
    if (decoded == null) {
      return Optional.empty();
    }
    if (extension.equals("jpg") || extension.equals("jpeg")) {
      return Optional.of(new Cover("poster", bytes, "jpg"));
    }
    if (extension.equals("png")) {
      return Optional.of(new Cover("poster", bytes, "png"));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(decoded, "png", out);
    return Optional.of(new Cover("poster", out.toByteArray(), "png"));
  }

  private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
    if (entry.getSize() > MAX_BYTES) {
      throw new IOException(entry.getName() + " is larger than " + MAX_BYTES + " bytes");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(entry.getName() + " is larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    }
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static Document parse(ZipFile zip, ZipEntry entry) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setExpandEntityReferences(false);
    try (InputStream in = zip.getInputStream(entry)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  /** Natural order: runs of digits compare as numbers, the rest case-insensitively. */
  static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int endA = i;
        while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
          endA++;
        }
        int endB = j;
        while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
          endB++;
        }
        String numberA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
        String numberB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
        int compared = numberA.length() != numberB.length() ? Integer.compare(numberA.length(), numberB.length())
            : numberA.compareTo(numberB);
        if (compared != 0) {
          return compared;
        }
        i = endA;
        j = endB;
      } else {
        int compared = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
        if (compared != 0) {
          return compared;
        }
        i++;
        j++;
      }
    }
    int compared = Integer.compare(a.length() - i, b.length() - j);
    return compared != 0 ? compared : a.compareTo(b);
  }
}
