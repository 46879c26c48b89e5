/**
 * Classes that kernel tests pack into plugin jars at test time ({@code PluginJar}). They use only
 * the plugin API, like a real plugin, and live outside {@code dev.marquee.kernel} for that reason.
 * Tests never call them directly: the kernel loads them from the jar with its own class loader.
 */
package dev.marquee.testplugins;
