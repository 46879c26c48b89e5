/**
 * Transcoder drivers: one per way of running ffmpeg (software, VA-API, NVENC/NVDEC, Quick Sync,
 * VideoToolbox...). A {@link dev.marquee.api.transcode.TranscoderDriver} finds what the hardware
 * can do and writes the ffmpeg arguments for decoding, scaling and encoding; the kernel's media
 * runner builds the whole command line and runs it.
 */
package dev.marquee.api.transcode;
