package dev.marquee.kernel.plugins;

import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One plugin's view of the kernel's event bus: it remembers the subscriptions the plugin opens, so
 * that the kernel closes those the plugin left open when it stops. A forgotten subscription would
 * otherwise keep calling a stopped plugin's code and keep its classes loaded after its unload.
 */
final class PluginEventBus implements EventBus {
  private final EventBus bus;
  private final Set<Subscription> open = ConcurrentHashMap.newKeySet();

  PluginEventBus(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public void publish(String topic, Object data) {
    bus.publish(topic, data);
  }

  @Override
  public Subscription subscribe(String topicPrefix, Consumer<Event> listener) {
    Subscription subscription = bus.subscribe(topicPrefix, listener);
    Subscription tracked = new Subscription() {
      @Override
      public void close() {
        open.remove(this);
        subscription.close();
      }
    };
    open.add(tracked);
    return tracked;
  }

  /** Closes every subscription still open; returns how many there were. */
  int closeAll() {
    List<Subscription> left = List.copyOf(open);
    left.forEach(Subscription::close);
    return left.size();
  }
}
