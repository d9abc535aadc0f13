package dev.mcpspring.server.internal;

import java.time.Duration;

import dev.mcpspring.server.PeerHandle;

/**
 * Default time-outs of calls to the client; each {@link PeerHandle} call can override its own.
 *
 * @param samplingTimeout    for {@code sampling/createMessage}
 * @param elicitationTimeout for {@code elicitation/create}; long, since a person answers
 * @param requestTimeout     for every other request ({@code roots/list}, {@code ping})
 */
public record PeerSettings(Duration samplingTimeout, Duration elicitationTimeout, Duration requestTimeout) {

    /** Five minutes for sampling, ten for elicitation, thirty seconds for the rest. */
    public static final PeerSettings DEFAULTS = new PeerSettings(Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofSeconds(30));
}
