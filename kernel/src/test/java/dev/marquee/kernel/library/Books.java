package dev.marquee.kernel.library;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;

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
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
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
