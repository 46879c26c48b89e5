/**
 * The {@code transcoder-nvidia} plugin: the transcoder driver {@code nvidia} ({@link
 * dev.marquee.transcoder.nvidia.NvidiaDriver}), NVDEC decoding, {@code scale_cuda} and NVENC
 * encoding on an NVIDIA GPU, or libx264 after the GPU when it has no NVENC.
 */
package dev.marquee.transcoder.nvidia;
