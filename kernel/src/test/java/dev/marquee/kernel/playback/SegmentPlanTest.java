package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlanTest {
  @Test
  void fixed_cutsEveryTarget_andEndsAtTheDuration() {
    assertThat(SegmentPlan.fixed(20, 6).boundaries()).containsExactly(0.0, 6.0, 12.0, 18.0, 20.0);
    assertThat(SegmentPlan.fixed(18, 6).boundaries()).containsExactly(0.0, 6.0, 12.0, 18.0);
    assertThat(SegmentPlan.fixed(4, 6).boundaries()).containsExactly(0.0, 4.0);
  }

  @Test
  void fixed_durationJustPastACut_leavesNoSegmentWithoutVideo() {
    // an AC-3 track makes a 30 s MP4 report 30.016 s: no 16 ms segment after the video has ended
    SegmentPlan plan = SegmentPlan.fixed(30.016, 6);
    assertThat(plan.boundaries()).containsExactly(0.0, 6.0, 12.0, 18.0, 24.0, 30.016);
    assertThat(plan.count()).isEqualTo(5);
  }

  @Test
  void atKeyframes_cutsAtTheFirstKeyFrameAfterEachTarget_andNotJustBeforeTheEnd() {
    SegmentPlan plan = SegmentPlan.atKeyframes(List.of(0.0, 2.0, 4.0, 6.5, 8.0, 12.5, 14.0, 19.8), 20.0, 6);
    assertThat(plan.boundaries()).containsExactly(0.0, 6.5, 12.5, 20.0);
    assertThat(plan.cutsAfter(0)).containsExactly(6.5, 12.5);
    assertThat(plan.longest()).isEqualTo(7.5);
  }
}
