/**
 * The {@code transcoder-qsv} plugin: the transcoder driver {@code qsv} ({@link
 * dev.marquee.transcoder.qsv.QsvDriver}), decoding, scaling and encoding on an Intel GPU through
 * Quick Sync Video (oneVPL/Media SDK).
 */
package dev.marquee.transcoder.qsv;
