package dev.marquee.kernel.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Search text and sort titles as metadata writes them. */
class TitlesTest {
  @Test
  void searchText_accentsCasePunctuation_becomePlainWords() {
    assertThat(Titles.searchText("Amélie: Le Fabuleux Destin d'Amélie Poulain!", null))
        .isEqualTo("amelie le fabuleux destin d amelie poulain");
    assertThat(Titles.searchText("  WALL·E  ", "")).isEqualTo("wall e");
  }

  @Test
  void searchText_originalTitle_isAddedOnceWhenDifferent() {
    assertThat(Titles.searchText("Spirited Away", "千と千尋の神隠し")).isEqualTo("spirited away 千と千尋の神隠し");
    assertThat(Titles.searchText("The Matrix", "The Matrix")).isEqualTo("the matrix");
  }

  @Test
  void sortTitle_leadingArticle_isDroppedLikeTheScannerDoes() {
    assertThat(Titles.sortTitle("The Matrix")).isEqualTo("Matrix");
    assertThat(Titles.sortTitle("A Beautiful Mind")).isEqualTo("Beautiful Mind");
    assertThat(Titles.sortTitle("Theory of Everything")).isEqualTo("Theory of Everything");
    assertThat(Titles.sortTitle("The")).isEqualTo("The");
  }
}
