package dev.mcpspring.server.internal;

import java.util.List;
import java.util.Set;

/**
 * The text of the {@code isError} result a client gets when a tool throws. The message of an exception the tool's
 * author chose (an application exception, or an {@link IllegalArgumentException} and its like) is meant for the
 * model and is passed on; an exception of the JDK, Jackson, Spring or another library describes the server's
 * insides (class names, internal state) and is replaced by a neutral sentence. Both are logged in full.
 */
public final class ToolFailures {

    /** Library exceptions whose messages their callers write for people, and so are passed on. */
    private static final Set<Class<?>> MEANT_FOR_CALLERS = Set.of(IllegalArgumentException.class,
            IllegalStateException.class, UnsupportedOperationException.class);

    private static final List<String> LIBRARY_PACKAGES = List.of("java.", "javax.", "jakarta.", "jdk.", "sun.",
            "com.sun.", "tools.jackson.", "com.fasterxml.", "org.springframework.", "org.apache.");

    private ToolFailures() {
    }

    /** "Tool 'name' failed: ..." for {@code failure}. */
    public static String describe(String toolName, Throwable failure) {
        String message = failure.getMessage();
        boolean shown = message != null && !message.isBlank()
                && (MEANT_FOR_CALLERS.contains(failure.getClass()) || !isLibraryException(failure.getClass()));
        return "Tool '" + toolName + "' failed: "
                + (shown ? message : "an unexpected error occurred (the server log has the details)");
    }

    private static boolean isLibraryException(Class<?> type) {
        String name = type.getName();
        return LIBRARY_PACKAGES.stream().anyMatch(name::startsWith);
    }
}
