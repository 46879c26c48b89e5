package dev.marquee.testplugins;

import org.pf4j.Plugin;

/** A plugin whose start() throws, as one that cannot reach a service it needs. */
public class ThrowingPlugin extends Plugin {
  @Override
  public void start() {
    throw new IllegalStateException("cannot reach the licence server");
  }
}
