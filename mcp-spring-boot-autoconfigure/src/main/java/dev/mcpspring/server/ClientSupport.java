package dev.mcpspring.server;

import dev.mcpspring.protocol.ClientCapabilities;
import tools.jackson.databind.JsonNode;

/**
 * What the client of a request (or session) can be asked, from the capabilities it declared: a tool chooses its
 * path with it instead of catching {@link McpClientCapabilityException}.
 *
 * <pre>{@code
 * if (!peer.clientSupport().sampling()) {
 *     return CallToolResult.error("This client has no language model to lend; summarise the text yourself");
 * }
 * }</pre>
 *
 * @param sampling          {@link PeerHandle#sample} works
 * @param samplingWithTools sampling requests may offer tools to the client's model ({@code sampling.tools})
 * @param formElicitation   {@link PeerHandle#elicit} works in form mode
 * @param urlElicitation    {@link PeerHandle#elicitUrl} works (URL mode)
 * @param roots             {@link PeerHandle#listRoots} works
 */
public record ClientSupport(boolean sampling, boolean samplingWithTools, boolean formElicitation,
        boolean urlElicitation, boolean roots) {

    /** Nothing can be asked (a stateless server, whose requests cannot reach the client). */
    public static final ClientSupport NONE = new ClientSupport(false, false, false, false, false);

    /** What a client that declared {@code capabilities} supports. */
    public static ClientSupport of(ClientCapabilities capabilities) {
        JsonNode elicitation = capabilities.elicitation();
        return new ClientSupport(capabilities.hasSampling(),
                capabilities.hasSampling() && capabilities.sampling().has("tools"),
                // an empty elicitation capability means form mode, as before modes existed
                elicitation != null && (elicitation.isEmpty() || elicitation.has("form")),
                elicitation != null && elicitation.has("url"), capabilities.hasRoots());
    }
}
