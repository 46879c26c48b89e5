/** The in-process event bus that the kernel and plugins publish to and listen on. */
package dev.marquee.api.event;
