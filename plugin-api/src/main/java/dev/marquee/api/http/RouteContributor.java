package dev.marquee.api.http;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Contributes HTTP routes. The kernel asks once, when the owner (the kernel or a plugin) starts,
 * and removes the routes when the owner stops. A route whose method and path template are already
 * owned by someone else is refused: the owner's start fails with an error the admin can see.
 */
public interface RouteContributor extends ExtensionPoint {

  /** The routes; called once per start, never null. Must not block. */
  List<Route> routes();
}
