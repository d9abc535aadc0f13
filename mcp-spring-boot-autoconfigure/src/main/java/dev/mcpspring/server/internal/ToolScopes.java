package dev.mcpspring.server.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;

/** The rules of OAuth scope names, and the refusal of a call that lacks some. */
public final class ToolScopes {

    /** What a valid scope is, for error messages. */
    public static final String RULE = "a scope is one non-empty OAuth scope token (RFC 6749 section 3.3): printable "
            + "ASCII without spaces, '\"' or '\\\\'; give several scopes as separate values";

    private ToolScopes() {
    }

    /** Whether {@code scope} is an OAuth scope token: {@code 1*( %x21 / %x23-5B / %x5D-7E )}. */
    public static boolean isValid(String scope) {
        if (scope == null || scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** The scopes of {@code required} that {@code granted} lacks, in the order of {@code required}. */
    public static Set<String> missing(Set<String> required, Set<String> granted) {
        Set<String> missing = new LinkedHashSet<>(required);
        missing.removeAll(granted);
        return missing;
    }

    /**
     * The refusal of a {@code tools/call} whose caller lacks scopes: JSON-RPC error
     * {@value ErrorCodes#INSUFFICIENT_SCOPE} whose {@code data} is
     * {@code {"error": "insufficient_scope", "tool": ..., "requiredScopes": [...], "missingScopes": [...]}}.
     */
    public static McpException insufficientScope(String tool, Set<String> required, Set<String> missing) {
        return insufficientScope(tool, required, missing, true);
    }

    /**
     * {@link #insufficientScope(String, Set, Set)}, saying so when the request carries no access token at all
     * (anonymous, or no OAuth 2.0 resource server set up).
     */
    public static McpException insufficientScope(String tool, Set<String> required, Set<String> missing,
            boolean tokenPresent) {
        return new McpException(ErrorCodes.INSUFFICIENT_SCOPE,
                "Forbidden: tool '" + tool + "' requires the scope" + (required.size() == 1 ? " " : "s ")
                        + String.join(" ", required) + "; " + (tokenPresent
                                ? "the access token lacks " + String.join(" ", missing)
                                : "the request carries no access token"),
                Map.of("error", "insufficient_scope", "tool", tool, "requiredScopes", required, "missingScopes",
                        missing));
    }
}
