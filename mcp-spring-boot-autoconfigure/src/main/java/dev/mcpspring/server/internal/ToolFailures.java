package dev.mcpspring.server.internal;

import dev.mcpspring.protocol.internal.CallerMessages;

/**
 * The text of the {@code isError} result a client gets when a tool throws. The message of an exception the tool's
 * author chose is meant for the model and is passed on; any other describes the server's insides and is replaced by
 * a neutral sentence (see {@link CallerMessages}). A caller that Spring Security's method security turned away
 * gets "access denied". Everything is logged in full.
 */
public final class ToolFailures {

    private static final String ACCESS_DENIED = "org.springframework.security.access.AccessDeniedException";

    private static final String AUTHENTICATION_FAILED =
            "org.springframework.security.core.AuthenticationException";

    private ToolFailures() {
    }

    /** "Tool 'name' failed: ..." for {@code failure}. */
    public static String describe(String toolName, Throwable failure) {
        return "Tool '" + toolName + "' failed: " + (isAccessDenied(failure) ? "access denied"
                : CallerMessages.isMeantForCaller(failure) ? failure.getMessage()
                : "an unexpected error occurred (the server log has the details)");
    }

    /**
     * Whether the application's code refused a call's arguments with an {@link IllegalArgumentException}: the
     * caller's fault, in words the application chose.
     */
    public static boolean isRefusedInput(Throwable failure) {
        return failure.getClass() == IllegalArgumentException.class && CallerMessages.isMeantForCaller(failure);
    }

    /**
     * Whether Spring Security's method security turned the caller away: {@code AccessDeniedException}, or an
     * {@code AuthenticationException} where no one is authenticated.
     */
    public static boolean isAccessDenied(Throwable failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(ACCESS_DENIED) || type.getName().equals(AUTHENTICATION_FAILED)) {
                return true;
            }
        }
        return false;
    }
}
