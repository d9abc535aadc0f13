package dev.mcpspring.server;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;

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

    /**
     * This failure as the protocol error a request gets when its handler does not handle it:
     * {@code MissingRequiredClientCapability} (-32021) with {@code requiredCapabilities} naming the capability
     * as client capabilities do ({@code {"sampling": {"tools": {}}}}).
     */
    public McpException toProtocolError() {
        Map<String, Object> required = new LinkedHashMap<>();
        Map<String, Object> level = required;
        for (String part : capability.split("\\.")) {
            Map<String, Object> next = new LinkedHashMap<>();
            level.put(part, next);
            level = next;
        }
        return new McpException(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, getMessage(),
                Map.of("requiredCapabilities", required));
    }
}
