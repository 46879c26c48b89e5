/**
 * Scheduled tasks. A {@link dev.marquee.api.task.ScheduledTask} names its default
 * {@link dev.marquee.api.task.Trigger}s; the kernel runs it on those, on an admin's request, and
 * keeps a history of its runs. A run reports progress and honours cancellation through its
 * {@link dev.marquee.api.task.TaskContext}.
 */
package dev.marquee.api.task;
