package dev.marquee.kernel.system;

/** The kernel's own version, from its jar manifest (the Maven project version). */
public final class KernelVersion {
  private KernelVersion() {}

  public static String current() {
    String version = KernelVersion.class.getPackage().getImplementationVersion();
    return version != null ? version : "dev";
  }
}
