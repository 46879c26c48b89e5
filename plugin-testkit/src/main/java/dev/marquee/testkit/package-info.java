/**
 * The Marquee plugin test kit, for plugin authors' JUnit 5 tests: {@link
 * dev.marquee.testkit.PluginTestKernel} boots a real kernel with the plugin under test, {@link
 * dev.marquee.testkit.JsonHttp} talks to it, {@link dev.marquee.testkit.MarqueeTest} starts one per
 * test. Depend on {@code dev.marquee:marquee-plugin-testkit} in {@code test} scope. Nothing here
 * exposes kernel classes: only this package, the plugin API, Jdbi and Jackson's {@code JsonNode}.
 */
package dev.marquee.testkit;
