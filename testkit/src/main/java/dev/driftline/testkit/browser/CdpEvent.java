package dev.driftline.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event pushed by Chromium over the DevTools Protocol, e.g. {@code Runtime.exceptionThrown}.
 *
 * @param method the event name, {@code Domain.event}
 * @param sessionId the target session it belongs to, or {@code null} for browser-level events
 * @param params the event's parameters (an empty object when it has none)
 */
public record CdpEvent(String method, String sessionId, JsonNode params) {}
