package dev.marquee.kernel.metadata;

import dev.marquee.api.metadata.MetadataProvider;
import java.util.List;

/** The metadata providers to use now, best first; asked anew for each piece of work as plugins come and go. */
@FunctionalInterface
interface Providers {
  List<MetadataProvider> all();
}
