package dev.marquee.kernel.playback;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a stream's segments start and end, fixed before the first one is made so that a VOD
 * playlist can list the whole duration up front and a restarted ffmpeg cuts at the same places.
 * A transcode cuts every {@code target} seconds (it places the key frames itself); a copied video
 * can only cut at its key frames, so it cuts at the first key frame at least {@code target}
 * seconds after the previous cut. Neither leaves a last segment shorter than {@value #MIN_LAST}
 * seconds: a container's duration often runs a little past its video (the last audio frame), and
 * a segment in that gap would hold no video frame, so ffmpeg would never write it.
 */
record SegmentPlan(List<Double> boundaries) {
  /** The shortest last segment; a shorter rest goes to the segment before it. */
  static final double MIN_LAST = 0.5;

  SegmentPlan {
    boundaries = List.copyOf(boundaries);
    if (boundaries.size() < 2) {
      throw new IllegalArgumentException("a plan needs a start and an end");
    }
  }

  static SegmentPlan fixed(double duration, int target) {
    List<Double> cuts = new ArrayList<>();
    cuts.add(0.0);
    for (double t = target; t < duration - MIN_LAST; t += target) {
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
      if (keyframe >= cuts.get(cuts.size() - 1) + target && keyframe < duration - MIN_LAST) {
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
