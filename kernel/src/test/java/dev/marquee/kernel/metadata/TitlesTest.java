package dev.marquee.kernel.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Folding and sort titles. */
class TitlesTest {
  @Test
  void fold_accentsCasePunctuation_becomePlainWords() {
    assertThat(Titles.fold("Amélie: Le Fabuleux Destin d'Amélie Poulain!")).isEqualTo("amelie le fabuleux destin d amelie poulain");
    assertThat(Titles.fold("  WALL·E  ")).isEqualTo("wall e");
    assertThat(Titles.fold("Ｆｕｌｌｗｉｄｔｈ")).isEqualTo("fullwidth");
    assertThat(Titles.fold(null)).isEmpty();
  }

  @Test
  void searchText_originalTitle_isAddedOnceWhenDifferent() {
    assertThat(Titles.searchText("Spirited Away", "千と千尋の神隠し")).isEqualTo("spirited away 千と千尋の神隠し");
    assertThat(Titles.searchText("The Matrix", "The Matrix")).isEqualTo("the matrix");
  }

  @Test
  void sortTitle_leadingArticle_movesToTheEnd() {
    assertThat(Titles.sortTitle("The Matrix")).isEqualTo("Matrix, The");
    assertThat(Titles.sortTitle("A Beautiful Mind")).isEqualTo("Beautiful Mind, A");
    assertThat(Titles.sortTitle("Theory of Everything")).isEqualTo("Theory of Everything");
  }
}
