package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BookReaderTest {
  @TempDir
  Path tempDir;

  private final BookReader reader = new BookReader();

  @Test
  void read_epub_givesTypeTitleAuthorSeriesLanguageIsbnAndDescription() throws Exception {
    Path epub = Books.epub(tempDir.resolve("guards.epub"), "Guards! Guards!", "Terry Pratchett", "Discworld",
        "978-0-552-13463-5");
    BookReader.BookInfo info = reader.read(epub);
    assertThat(info.mimeType()).isEqualTo("application/epub+zip");
    assertThat(info.title()).isEqualTo("Guards! Guards!");
    assertThat(info.authors()).isEqualTo("Terry Pratchett");
    assertThat(info.seriesName()).isEqualTo("Discworld");
    assertThat(info.language()).isEqualTo("en");
    assertThat(info.isbn()).isEqualTo("9780552134635");
    assertThat(info.description()).isEqualTo("A test book.");
  }

  @Test
  void read_pdf_givesTypeTitleAndAuthor() throws Exception {
    Path pdf = Books.pdf(tempDir.resolve("dune.pdf"), "Dune", "Frank Herbert");
    BookReader.BookInfo info = reader.read(pdf);
    assertThat(info.mimeType()).isEqualTo("application/pdf");
    assertThat(info.title()).isEqualTo("Dune");
    assertThat(info.authors()).isEqualTo("Frank Herbert");
  }

  @Test
  void read_brokenFile_isKnownByItsPathAlone() throws Exception {
    Path broken = Files.writeString(tempDir.resolve("broken.epub"), "not a zip");
    BookReader.BookInfo info = reader.read(broken);
    assertThat(info.title()).isNull();
    assertThat(info.seriesName()).isNull();
  }

  @Test
  void read_emptyFiles_areTypedByTheirNameAsTikaTypesThem() throws Exception {
    // given: empty books, read twice (the second time the type comes from what the first found)
    Path epub = Files.createFile(tempDir.resolve("a.epub"));
    Path pdf = Files.createFile(tempDir.resolve("B.PDF"));
    Path cbz = Files.createFile(tempDir.resolve("c.cbz"));
    for (int round = 0; round < 2; round++) {
      // when / then
      assertThat(reader.read(epub).mimeType()).isEqualTo("application/epub+zip");
      assertThat(reader.read(pdf).mimeType()).isEqualTo("application/pdf");
      assertThat(reader.read(cbz).mimeType()).isEqualTo("application/octet-stream");
      assertThat(reader.read(epub).title()).isNull();
    }
  }

  @Test
  void isbn_readsIsbn10And13AndSkipsOtherIdentifiers() {
    assertThat(BookReader.isbn(List.of("urn:uuid:1234", "urn:isbn:0-552-13463-7"))).isEqualTo("0552134637");
    assertThat(BookReader.isbn(List.of("ISBN 978 0552134635"))).isEqualTo("9780552134635");
    assertThat(BookReader.isbn(List.of("calibre:42"))).isNull();
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_bookLibrary_writesBooksWithTheirEmbeddedMetadata(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.BOOK);
      Books.epub(f.root.resolve("Pratchett/Discworld/guards.epub"), "Guards! Guards!", "Terry Pratchett", "Discworld",
          "9780552134635");
      Books.pdf(f.root.resolve("Herbert/Dune.pdf"), "Dune", "Frank Herbert");
      f.file("Someone/Untagged Book.cbz");
      // when
      ScanResult result = f.scan(library);
      // then
      assertThat(result.added()).isEqualTo(3);
      List<Map<String, Object>> books = f.items(library.id(), "book");
      Map<String, Object> guards = books.stream().filter(b -> b.get("title").equals("Guards! Guards!")).findFirst().orElseThrow();
      assertThat(guards.get("authors")).isEqualTo("Terry Pratchett");
      assertThat(guards.get("series_name")).isEqualTo("Discworld");
      assertThat(guards.get("isbn")).isEqualTo("9780552134635");
      assertThat(guards.get("language")).isEqualTo("en");
      assertThat(guards.get("overview")).isEqualTo("A test book.");
      assertThat(books).extracting(b -> b.get("title")).contains("Dune", "Untagged Book");
      Map<String, Object> untagged = books.stream().filter(b -> b.get("title").equals("Untagged Book")).findFirst().orElseThrow();
      assertThat(untagged.get("authors")).isEqualTo("Someone");
      assertThat(f.files(library.id())).extracting(file -> file.get("mime_type"))
          .contains("application/epub+zip", "application/pdf");
    }
  }
}
