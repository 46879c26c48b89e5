package dev.marquee.kernel.transcode;

import dev.marquee.api.transcode.TranscoderDriver;
import java.util.List;

/** The transcoder drivers of started plugins, in plugin order; asked anew each time as plugins come and go. */
@FunctionalInterface
interface DriverSource {
  List<TranscoderDriver> drivers();
}
