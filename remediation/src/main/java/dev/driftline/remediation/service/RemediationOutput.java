package dev.driftline.remediation.service;

/** One thing the processor publishes, tagged by the topic it goes to (an episode, an event or a baseline). */
record RemediationOutput(Object value) {
}
