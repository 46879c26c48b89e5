package dev.marquee.kernel.plugins;

import dagger.Module;

/** The PF4J plugin manager and the bridge from plugins' extensions into the kernel. */
@Module
public interface PluginsModule {}
