/**
 * Code shared by the transcoder driver plugins and the kernel: the software video pipeline ({@link
 * dev.marquee.transcoder.support.SoftwareVideo}) and the steps of a driver's probe ({@link
 * dev.marquee.transcoder.support.DriverProbe}). Not a plugin: each driver packs this jar in its
 * zip, and the kernel has it on its class path for its built-in software transcoding.
 */
package dev.marquee.transcoder.support;
