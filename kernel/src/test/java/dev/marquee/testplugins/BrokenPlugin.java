package dev.marquee.testplugins;

import org.pf4j.Plugin;

/** Starts like a plugin whose library is missing: with a LinkageError, not an Exception. */
public class BrokenPlugin extends Plugin {
  @Override
  public void start() {
    throw new NoClassDefFoundError("com/acme/Missing");
  }
}
