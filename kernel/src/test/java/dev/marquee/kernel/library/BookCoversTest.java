package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.catalog.EmbeddedArtwork.Cover;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BookCoversTest {
  @TempDir
  Path tempDir;

  private final BookCovers covers = new BookCovers();

  private static BufferedImage decode(Cover cover) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(cover.bytes()));
  }

  @ParameterizedTest
  @EnumSource(Books.CoverStyle.class)
  void cover_epubNamingItsCoverAnyWay_isThatImageAsItIs(Books.CoverStyle style) throws Exception {
    // given
    byte[] red = Books.image(60, 90, Color.RED, "jpg");
    Path epub = Books.epubWithCover(tempDir.resolve("book.epub"), red, Books.image(10, 10, Color.BLUE, "jpg"), style);

    // when
    Cover cover = covers.cover(epub).orElseThrow();

    // then
    assertThat(cover.kind()).isEqualTo("poster");
    assertThat(cover.extension()).isEqualTo("jpg");
    assertThat(cover.bytes()).isEqualTo(red);
  }

  @Test
  void cover_epubWithoutCoverEmptyOrBroken_isEmpty() throws Exception {
    Path plain = Books.epub(tempDir.resolve("plain.epub"), "Plain", "Ann Author", "Series", "9780000000002");
    Path empty = Files.write(tempDir.resolve("empty.epub"), new byte[0]);
    Path broken = Files.writeString(tempDir.resolve("broken.epub"), "not a zip");

    assertThat(covers.cover(plain)).isEmpty();
    assertThat(covers.cover(empty)).isEmpty();
    assertThat(covers.cover(broken)).isEmpty();
  }

  @Test
  void cover_cbz_isTheFirstImageInNaturalNameOrder() throws Exception {
    // given: stored out of order, "10" before "2" by plain text, a hidden file and a text file first
    Map<String, byte[]> pages = new LinkedHashMap<>();
    pages.put("Issue 1/page 10.jpg", Books.image(20, 30, Color.BLUE, "jpg"));
    pages.put("Issue 1/.thumb.jpg", Books.image(20, 30, Color.GREEN, "jpg"));
    pages.put("Issue 1/notes.txt", "notes".getBytes());
    pages.put("Issue 1/page 2.png", Books.image(40, 60, Color.RED, "png"));
    pages.put("Issue 1/page 3.jpg", Books.image(20, 30, Color.BLUE, "jpg"));
    Path cbz = Books.cbz(tempDir.resolve("comic.cbz"), pages);

    // when
    Cover cover = covers.cover(cbz).orElseThrow();

    // then
    assertThat(cover.extension()).isEqualTo("png");
    BufferedImage image = decode(cover);
    assertThat(image.getWidth()).isEqualTo(40);
    assertThat(Books.centreIs(image, Color.RED)).isTrue();
  }

  @Test
  void cover_pdf_isItsFirstPageRendered() throws Exception {
    Path pdf = Books.filledPdf(tempDir.resolve("paper.pdf"), Color.GREEN);

    Cover cover = covers.cover(pdf).orElseThrow();

    assertThat(cover.extension()).isEqualTo("jpg");
    BufferedImage image = decode(cover);
    assertThat(image.getWidth()).isEqualTo(BookCovers.PDF_WIDTH);
    // US letter keeps its aspect: 612 × 792 points
    assertThat(image.getHeight()).isBetween(775, 777);
    assertThat(Books.centreIs(image, Color.GREEN)).isTrue();
  }

  @Test
  void compareNatural_numbersByValueTextIgnoringCase() {
    List<String> names = new ArrayList<>(List.of("p10.jpg", "P2.jpg", "p1.jpg", "p02b.jpg", "a.jpg"));

    names.sort(BookCovers::compareNatural);

    assertThat(names).containsExactly("a.jpg", "p1.jpg", "P2.jpg", "p02b.jpg", "p10.jpg");
  }

  @Test
  void resolve_hrefRelativeToThePackageDocumentAndDecoded() throws Exception {
    assertThat(BookCovers.resolve("OEBPS/content.opf", "Images/my%20cover.jpg")).isEqualTo("OEBPS/Images/my cover.jpg");
    assertThat(BookCovers.resolve("OEBPS/content.opf", "../cover.jpg")).isEqualTo("cover.jpg");
    assertThat(BookCovers.resolve("content.opf", "cover.png")).isEqualTo("cover.png");
  }
}
