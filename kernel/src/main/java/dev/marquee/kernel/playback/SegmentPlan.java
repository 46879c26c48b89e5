package dev.marquee.kernel.playback;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a stream's segments start and end, fixed before the first one is made so that a VOD
 * playlist can list the whole duration up front and a restarted ffmpeg cuts at the same places.
 * A transcode cuts every {@code target} seconds (it places the key frames itself); a copied video
 * can only cut at its key frames, so it cuts at the first key frame at least {@code target}
 * seconds after the previous cut.
 */
record SegmentPlan(List<Double> boundaries) {

  SegmentPlan {
    boundaries = List.copyOf(boundaries);
    if (boundaries.size() < 2) {
      throw new IllegalArgumentException("a plan needs a start and an end");
    }
  }

  static SegmentPlan fixed(double duration, int target) {
    List<Double> cuts = new ArrayList<>();
    for (double t = 0; t < duration - 0.001; t += target) {
      cuts.add(t);
    }
    cuts.add(duration);
    return new SegmentPlan(cuts);
  }

  /** @param keyframes key frame times in seconds, ascending */
  static SegmentPlan atKeyframes(List<Double> keyframes, double duration, int target) {
    List<Double> cuts = new ArrayList<>();
    cuts.add(0.0);
    for (double keyframe : keyframes) {
      if (keyframe >= cuts.get(cuts.size() - 1) + target && keyframe < duration - 0.5) {
        cuts.add(keyframe);
      }
    }
    cuts.add(duration);
    return new SegmentPlan(cuts);
  }

  int count() {
    return boundaries.size() - 1;
  }

  double start(int index) {
    return boundaries.get(index);
  }

  double length(int index) {
    return boundaries.get(index + 1) - boundaries.get(index);
  }

  /** The cut times after segment {@code from} starts, for ffmpeg's {@code -segment_times}. */
  List<Double> cutsAfter(int from) {
    return boundaries.subList(from + 1, boundaries.size() - 1);
  }

  double longest() {
    double longest = 0;
    for (int i = 0; i < count(); i++) {
      longest = Math.max(longest, length(i));
    }
    return longest;
  }
}
