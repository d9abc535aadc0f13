package dev.mcpspring.server.internal;

import java.util.regex.Pattern;

/** The tool name rules of MCP 2025-11-25: 1 to 128 characters of {@code A-Z a-z 0-9 _ - .}. */
public final class ToolNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private ToolNames() {
    }

    /** Whether {@code name} is a valid tool name. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * Checks a tool name.
     *
     * @throws IllegalArgumentException naming the rule that {@code name} breaks
     */
    public static void validate(String name, String source) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("Invalid MCP tool name '" + name + "' on " + source
                    + ": a tool name must be 1 to 128 characters of A-Z, a-z, 0-9, '_', '-' and '.'");
        }
    }
}
