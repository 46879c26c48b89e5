/**
 * Backend connectors: Marquee talks to existing media servers (Plex, Jellyfin, Emby) through one
 * {@link dev.marquee.api.backend.BackendConnector} per server type. The kernel's backend sync owns
 * the schedule, the stored credentials and the mapping to catalog items; a connector only speaks the
 * server's protocol. Optional abilities: {@link dev.marquee.api.backend.SessionReader} and {@link
 * dev.marquee.api.backend.WebhookParser}.
 */
package dev.marquee.api.backend;
