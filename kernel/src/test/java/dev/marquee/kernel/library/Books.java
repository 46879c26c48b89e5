package dev.marquee.kernel.library;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Small real book files written at test time. */
final class Books {
  private Books() {}

  /** An EPUB 2 with a Calibre series in its package document. */
  static Path epub(Path path, String title, String author, String series, String isbn) throws IOException {
    Files.createDirectories(path.getParent());
    try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
      byte[] mimetype = "application/epub+zip".getBytes(StandardCharsets.US_ASCII);
      ZipEntry first = new ZipEntry("mimetype");
      first.setMethod(ZipEntry.STORED);
      first.setSize(mimetype.length);
      CRC32 crc = new CRC32();
      crc.update(mimetype);
      first.setCrc(crc.getValue());
      zip.putNextEntry(first);
      zip.write(mimetype);
      zip.closeEntry();
      entry(zip, "META-INF/container.xml", """
          <?xml version="1.0"?>
          <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
            <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
          </container>
          """);
      entry(zip, "OEBPS/content.opf", """
          <?xml version="1.0" encoding="UTF-8"?>
          <package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
              <dc:title>%s</dc:title>
              <dc:creator opf:role="aut">%s</dc:creator>
              <dc:language>en</dc:language>
              <dc:identifier id="id" opf:scheme="ISBN">%s</dc:identifier>
              <dc:description>A test book.</dc:description>
              <meta name="calibre:series" content="%s"/>
            </metadata>
            <manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>
            <spine><itemref idref="c1"/></spine>
          </package>
          """.formatted(title, author, isbn, series));
      entry(zip, "OEBPS/c1.xhtml", """
          <?xml version="1.0" encoding="UTF-8"?>
          <html xmlns="http://www.w3.org/1999/xhtml"><head><title>c1</title></head><body><p>Text.</p></body></html>
          """);
    }
    return path;
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    entry(zip, name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  /** How an EPUB names its cover. */
  enum CoverStyle {
    /** EPUB 3: {@code properties="cover-image"} on the manifest item. */
    EPUB3_PROPERTY,
    /** EPUB 2: {@code <meta name="cover" content="the item's id">}. */
    EPUB2_META,
    /** Neither: only the item's id and file name say "cover". */
    NAME_ONLY
  }

  /**
   * An EPUB whose cover is {@code cover} (a JPEG), at {@code OEBPS/Images/my cover.jpg} (a name to
   * URL-encode), named as {@code style} says; a decoy image comes first in the manifest.
   */
  static Path epubWithCover(Path path, byte[] cover, byte[] decoy, CoverStyle style) throws IOException {
    Files.createDirectories(path.getParent());
    try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
      entry(zip, "mimetype", "application/epub+zip");
      entry(zip, "META-INF/container.xml", """
          <?xml version="1.0"?>
          <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
            <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
          </container>
          """);
      String coverId = style == CoverStyle.NAME_ONLY ? "img-cover" : "img2";
      entry(zip, "OEBPS/content.opf", """
          <?xml version="1.0" encoding="UTF-8"?>
          <package xmlns="http://www.idpf.org/2007/opf" version="%s" unique-identifier="id">
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title>Covered</dc:title>
              <dc:identifier id="id">urn:uuid:1</dc:identifier>
              %s
            </metadata>
            <manifest>
              <item id="c1" href="Text/c1.xhtml" media-type="application/xhtml+xml"/>
              <item id="img1" href="Images/figure.jpg" media-type="image/jpeg"/>
              <item id="%s" href="Images/my%%20cover.jpg" media-type="image/jpeg"%s/>
            </manifest>
            <spine><itemref idref="c1"/></spine>
          </package>
          """.formatted(style == CoverStyle.EPUB3_PROPERTY ? "3.0" : "2.0",
              style == CoverStyle.EPUB2_META ? "<meta name=\"cover\" content=\"img2\"/>" : "", coverId,
              style == CoverStyle.EPUB3_PROPERTY ? " properties=\"cover-image\"" : ""));
      entry(zip, "OEBPS/Text/c1.xhtml", """
          <?xml version="1.0" encoding="UTF-8"?>
          <html xmlns="http://www.w3.org/1999/xhtml"><head><title>c1</title></head><body><p>Text.</p></body></html>
          """);
      entry(zip, "OEBPS/Images/figure.jpg", decoy);
      entry(zip, "OEBPS/Images/my cover.jpg", cover);
    }
    return path;
  }

  /** A comic book archive holding {@code pages} (name to bytes), in the order given. */
  static Path cbz(Path path, Map<String, byte[]> pages) throws IOException {
    Files.createDirectories(path.getParent());
    try (OutputStream out = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> page : pages.entrySet()) {
        entry(zip, page.getKey(), page.getValue());
      }
    }
    return path;
  }

  /** A one-page PDF (US letter, 612 × 792 points) filled with {@code colour}. */
  static Path filledPdf(Path path, Color colour) throws IOException {
    Files.createDirectories(path.getParent());
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
        content.setNonStrokingColor(colour);
        content.addRect(0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
        content.fill();
      }
      doc.save(path.toFile());
    }
    return path;
  }

  /** An image of one colour, encoded as {@code format} (jpg or png). */
  static byte[] image(int width, int height, Color colour, String format) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  /** Whether the image's centre pixel is within 24 of {@code colour} on each channel (JPEG is lossy). */
  static boolean centreIs(BufferedImage image, Color colour) {
    Color centre = new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2));
    return Math.abs(centre.getRed() - colour.getRed()) <= 24 && Math.abs(centre.getGreen() - colour.getGreen()) <= 24
        && Math.abs(centre.getBlue() - colour.getBlue()) <= 24;
  }

  /** A one-page PDF with a title and an author in its document information. */
  static Path pdf(Path path, String title, String author) throws IOException {
    Files.createDirectories(path.getParent());
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(title);
      info.setAuthor(author);
      doc.save(path.toFile());
    }
    return path;
  }
}
