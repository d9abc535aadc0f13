package dev.mcpspring.annotation.internal;

/**
 * Annotated MCP methods that cannot be registered, each named with the reason: start-up fails with it, and a
 * failure analyzer shows it as Spring Boot's "APPLICATION FAILED TO START" report.
 */
public class MethodRegistrationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    MethodRegistrationException(String message) {
        super(message);
    }
}
