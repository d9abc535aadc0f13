package dev.mcpspring.protocol.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.jspecify.annotations.Nullable;

/** Tells virtual threads from platform threads on any Java version: the starter is compiled for Java 17. */
public final class VirtualThreads {

    /** {@code Thread.isVirtual()}, looked up reflectively; {@code null} before Java 21. */
    private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualMethod();

    private VirtualThreads() {
    }

    /** Whether {@code thread} is a virtual thread (never on Java 17 to 20). */
    public static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        }
        catch (Throwable ex) {
            return false;
        }
    }

    private static @Nullable MethodHandle isVirtualMethod() {
        try {
            return MethodHandles.publicLookup()
                .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        }
        catch (ReflectiveOperationException ex) {
            return null;
        }
    }
}
