package dev.mcpspring.protocol.internal;

import java.util.List;
import java.util.Set;

/**
 * Whether the message of an exception is meant for the caller of a tool: the message of an exception the
 * application chose is (an exception of its own, or an {@link IllegalArgumentException} and its like thrown by its
 * code, directly or through an assertion helper such as Spring's {@code Assert}); the message of one thrown by the
 * JDK, Jackson, Spring, a database driver, Hibernate or another library describes the server's insides (class
 * names, SQL, internal state), even when it is an {@code IllegalArgumentException} (an unknown enum constant, a bad
 * query).
 */
public final class CallerMessages {

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

    private CallerMessages() {
    }

    /** Whether {@code failure} has a message, and the application chose it for the caller. */
    public static boolean isMeantForCaller(Throwable failure) {
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
