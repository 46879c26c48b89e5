package dev.marquee.kernel.tasks;

import dagger.Module;
import dagger.multibindings.Multibinds;
import dev.marquee.api.task.ScheduledTask;
import java.util.Set;

/** The task scheduler and the kernel's own tasks ({@code @IntoSet ScheduledTask}). */
@Module
public interface TasksModule {

  @Multibinds
  Set<ScheduledTask> kernelTasks();
}
