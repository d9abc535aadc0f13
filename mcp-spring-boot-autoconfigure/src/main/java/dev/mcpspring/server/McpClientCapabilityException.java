package dev.mcpspring.server;

/**
 * The client did not declare the capability a {@link PeerHandle} call needs (for example {@code sampling} or
 * {@code elicitation.url}), so nothing was sent.
 */
public class McpClientCapabilityException extends McpPeerException {

    private final String capability;

    public McpClientCapabilityException(String capability, String method) {
        super("The client did not declare the '" + capability + "' capability, so " + method
                + " cannot be sent to it");
        this.capability = capability;
    }

    /** The missing capability, for example {@code "sampling.tools"}. */
    public String capability() {
        return capability;
    }
}
