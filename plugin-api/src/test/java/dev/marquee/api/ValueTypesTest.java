package dev.marquee.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.backend.BackendServer;
import dev.marquee.api.marker.Marker;
import dev.marquee.api.metadata.Image;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.subtitle.DownloadedSubtitle;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The behaviour the extension points' value types promise in their Javadoc. */
class ValueTypesTest {

  @Test
  void metadataPatchBuilder_unsetFieldsStayEmpty_setFieldsArePresent() {
    // when
    MetadataPatch patch = MetadataPatch.builder()
        .title("Alien").genre("Horror").externalId("tmdb", "348").externalId("tmdb", "349")
        .image(Image.of(Image.Type.POSTER, URI.create("https://example.org/p.jpg")))
        .build();
    // then
    assertThat(patch.title()).contains("Alien");
    assertThat(patch.overview()).isEmpty();
    assertThat(patch.genres()).containsExactly("Horror");
    assertThat(patch.externalIds()).containsOnlyKeys("tmdb").containsEntry("tmdb", "349");
    assertThat(patch.people()).isEmpty();
    assertThatThrownBy(() -> patch.genres().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void metadataPatchBuilder_ratingOutOfRange_failsFast() {
    assertThatThrownBy(() -> MetadataPatch.builder().communityRating(11)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void backendServer_toString_leavesTheTokenOut() {
    BackendServer server = new BackendServer("plex", URI.create("http://nas:32400"), "s3cret-token");
    assertThat(server.toString()).contains("plex", "nas:32400").doesNotContain("s3cret");
  }

  @Test
  void progress_cancelled_checkCancelledThrowsAndReportsAreClamped() {
    // given
    AtomicBoolean cancelled = new AtomicBoolean();
    List<Integer> reported = new ArrayList<>();
    Progress progress = Progress.of((percent, message) -> reported.add(percent), cancelled::get);
    // when
    progress.progress(150, null);
    progress.progress(-3, "start");
    progress.checkCancelled();
    cancelled.set(true);
    // then
    assertThat(reported).containsExactly(100, 0);
    assertThatThrownBy(progress::checkCancelled).isInstanceOf(CancellationException.class);
    assertThat(Progress.none().isCancelled()).isFalse();
  }

  @Test
  void marker_endNotAfterStart_isRefused() {
    assertThatThrownBy(() -> new Marker("e1", Marker.Type.INTRO, Duration.ofSeconds(90), Duration.ofSeconds(30), 0.9))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void downloadedSubtitle_contentIsCopiedInAndOut() {
    byte[] bytes = "1\n00:00:01,000 --> 00:00:02,000\nHi\n".getBytes(StandardCharsets.UTF_8);
    DownloadedSubtitle subtitle = new DownloadedSubtitle("en", "srt", bytes);
    bytes[0] = 'X';
    subtitle.content()[0] = 'Y';
    assertThat(subtitle.content()[0]).isEqualTo((byte) '1');
    assertThat(subtitle).isEqualTo(new DownloadedSubtitle("en", "srt", "1\n00:00:01,000 --> 00:00:02,000\nHi\n".getBytes(StandardCharsets.UTF_8)));
  }
}
