package dev.mcpspring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.util.ClassUtils;

/**
 * Explains a start-up that failed because the application runs on a platform the starter was not built for:
 * Spring Boot before 4 or Jackson 2 only. Without it, such an application fails with a
 * {@link NoClassDefFoundError} many "Caused by" levels deep and nothing says what is required.
 * <p>
 * Registered in {@code META-INF/spring.factories}, which Spring Boot 3 reads too; so this class uses only types
 * that both generations have.
 */
class UnsupportedPlatformFailureAnalyzer implements FailureAnalyzer {

    /** The Spring Boot generation the starter is built for. */
    static final int REQUIRED_BOOT_MAJOR = 4;

    private final @Nullable String bootVersion;

    private final boolean jackson3Present;

    UnsupportedPlatformFailureAnalyzer() {
        this(SpringBootVersion.getVersion(), ClassUtils.isPresent("tools.jackson.databind.ObjectMapper",
                UnsupportedPlatformFailureAnalyzer.class.getClassLoader()));
    }

    UnsupportedPlatformFailureAnalyzer(@Nullable String bootVersion, boolean jackson3Present) {
        this.bootVersion = bootVersion;
        this.jackson3Present = jackson3Present;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        if (!isMissingClass(failure) || isSupported()) {
            return null;
        }
        String found = "Spring Boot " + (bootVersion == null ? "(unknown version)" : bootVersion)
                + (jackson3Present ? " with Jackson 3" : " without Jackson 3 (tools.jackson)");
        return new FailureAnalysis("The MCP Spring Boot starter (dev.mcpspring:mcp-spring-boot-starter) needs Spring "
                + "Boot " + REQUIRED_BOOT_MAJOR + ".x and Jackson 3, but this application runs " + found + ".",
                "Upgrade the application to Spring Boot " + REQUIRED_BOOT_MAJOR + ".x (which brings Jackson 3), "
                        + "or remove the starter. See the support matrix in the starter's README.",
                failure);
    }

    private boolean isSupported() {
        return jackson3Present && majorOf(bootVersion) >= REQUIRED_BOOT_MAJOR;
    }

    private static boolean isMissingClass(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoClassDefFoundError || cause instanceof ClassNotFoundException
                    || cause instanceof TypeNotPresentException) {
                return true;
            }
        }
        return false;
    }

    /** The major version of {@code version}, or a large number when unknown (then nothing is claimed). */
    private static int majorOf(@Nullable String version) {
        if (version == null) {
            return Integer.MAX_VALUE;
        }
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? Integer.MAX_VALUE : Integer.parseInt(version.substring(0, end));
    }
}
