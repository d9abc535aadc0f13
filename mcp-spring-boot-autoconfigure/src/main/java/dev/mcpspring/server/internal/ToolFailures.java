package dev.mcpspring.server.internal;

import java.util.List;
import java.util.Set;

/**
 * The text of the {@code isError} result a client gets when a tool throws. The message of an exception the tool's
 * author chose is meant for the model and is passed on: an exception of the application's own, or an
 * {@link IllegalArgumentException} and its like thrown by the application's code (directly, or through an
 * assertion helper such as Spring's {@code Assert}). The message of an exception of the JDK, Jackson, Spring, a
 * database driver, Hibernate or another library describes the server's insides (class names, SQL, internal state),
 * even when it is an {@code IllegalArgumentException} thrown there (an unknown enum constant, a bad query), and is
 * replaced by a neutral sentence. A caller that Spring Security's method security turned away gets "access
 * denied". Everything is logged in full.
 */
public final class ToolFailures {

    /** Library exceptions whose messages their callers write for people, when the application throws them. */
    private static final Set<Class<?>> MEANT_FOR_CALLERS = Set.of(IllegalArgumentException.class,
            IllegalStateException.class, UnsupportedOperationException.class);

    /** Where the code of a library lives: its exceptions, and what it throws, are about the server's insides. */
    private static final List<String> LIBRARY_PACKAGES = List.of("java.", "javax.", "jakarta.", "jdk.", "sun.",
            "com.sun.", "kotlin.", "kotlinx.", "scala.", "tools.jackson.", "com.fasterxml.", "org.springframework.",
            "org.apache.", "org.hibernate.", "org.h2.", "org.hsqldb.", "org.postgresql.", "com.mysql.",
            "org.mariadb.", "oracle.", "com.microsoft.", "com.zaxxer.", "org.jooq.", "com.mongodb.", "org.bson.",
            "io.lettuce.", "redis.clients.", "io.netty.", "reactor.", "io.r2dbc.", "io.micrometer.",
            "io.opentelemetry.", "org.eclipse.", "com.google.", "okhttp3.", "feign.", "io.grpc.",
            "software.amazon.", "com.amazonaws.", "org.slf4j.", "ch.qos.", "org.yaml.");

    /** Argument checks whose messages their callers write: the code that called them is what threw. */
    private static final Set<String> ASSERTION_HELPERS = Set.of("org.springframework.util.Assert",
            "com.google.common.base.Preconditions", "org.apache.commons.lang3.Validate");

    private static final String ACCESS_DENIED = "org.springframework.security.access.AccessDeniedException";

    private static final String AUTHENTICATION_FAILED =
            "org.springframework.security.core.AuthenticationException";

    private ToolFailures() {
    }

    /** "Tool 'name' failed: ..." for {@code failure}. */
    public static String describe(String toolName, Throwable failure) {
        return "Tool '" + toolName + "' failed: " + (isAccessDenied(failure) ? "access denied"
                : isMeantForCaller(failure) ? failure.getMessage()
                : "an unexpected error occurred (the server log has the details)");
    }

    /**
     * Whether the application's code refused a call's arguments with an {@link IllegalArgumentException}: the
     * caller's fault, in words the application chose.
     */
    public static boolean isRefusedInput(Throwable failure) {
        return failure.getClass() == IllegalArgumentException.class && isMeantForCaller(failure);
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

    private static boolean isMeantForCaller(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return false;
        }
        return MEANT_FOR_CALLERS.contains(failure.getClass()) ? !isLibrary(thrower(failure))
                : !isLibrary(failure.getClass().getName());
    }

    /** The class whose code threw {@code failure}, past assertion helpers; empty when it has no stack trace. */
    private static String thrower(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (!ASSERTION_HELPERS.contains(frame.getClassName())) {
                return frame.getClassName();
            }
        }
        return "";
    }

    private static boolean isLibrary(String className) {
        for (String library : LIBRARY_PACKAGES) {
            if (className.startsWith(library)) {
                return true;
            }
        }
        return false;
    }
}
