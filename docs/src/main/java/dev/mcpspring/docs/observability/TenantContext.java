package dev.mcpspring.docs.observability;

/** The application's own thread-local state that {@link TenantTaskDecoratorConfiguration} carries to tools. */
final class TenantContext {

    private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    private TenantContext() {
    }

    static String get() {
        return TENANT.get();
    }

    static void set(String tenant) {
        TENANT.set(tenant);
    }

    static void clear() {
        TENANT.remove();
    }
}
