package dev.mcpspring.aot.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;

import dev.mcpspring.protocol.JsonRpcMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * The starter's own reflection, registered through {@code META-INF/spring/aot.factories}:
 * <ul>
 * <li>binding hints ({@link BindingHints}) for every record, enum and sealed type of the protocol package
 * ({@code dev.mcpspring.protocol}, nested types included), which Jackson reads and writes: requests, results,
 * content, capabilities, notifications, the JSON-RPC envelope. They are found on the class path at build time, so
 * a type added to the protocol is covered without a list to keep;</li>
 * <li>with Spring Data Redis present, the messages instances of a cluster exchange over pub/sub
 * ({@code session.redis.ClusterMessage});</li>
 * <li>the methods called reflectively: {@code Executors.newVirtualThreadPerTaskExecutor()} (looked up so the
 * starter runs on Java 17) and, with Reactor present, {@code Mono.toFuture()} (how a {@code Mono} result is
 * awaited without a compile-time dependency on Reactor);</li>
 * <li>the primitive array types {@code Array.newInstance} creates to obtain the default value of a primitive
 * parameter.</li>
 * </ul>
 * The starter loads no resources from the class path. {@code McpServerProperties} is covered by Spring Boot's own
 * processing of {@code @ConfigurationProperties} beans, and the auto-configuration classes and beans by Spring's.
 */
class McpRuntimeHints implements RuntimeHintsRegistrar {

    static final String PROTOCOL_PACKAGE = JsonRpcMessage.class.getPackageName();

    static final String CLUSTER_MESSAGE = "dev.mcpspring.session.redis.ClusterMessage";

    private static final String REDIS = "org.springframework.data.redis.core.StringRedisTemplate";

    private static final String MONO = "reactor.core.publisher.Mono";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        BindingHints binding = new BindingHints(classLoader);
        binding.register(hints.reflection(), protocolTypes(classLoader));
        if (ClassUtils.isPresent(REDIS, classLoader) && ClassUtils.isPresent(CLUSTER_MESSAGE, classLoader)) {
            binding.register(hints.reflection(), List.of(ClassUtils.resolveClassName(CLUSTER_MESSAGE, classLoader)));
        }
        // by name: the method exists from Java 21 on, and the image may be built on a later JDK than this code
        hints.reflection().registerType(Executors.class,
                type -> type.withMethod("newVirtualThreadPerTaskExecutor", List.of(), ExecutableMode.INVOKE));
        hints.reflection().registerTypeIfPresent(classLoader, MONO,
                type -> type.withMethod("toFuture", List.of(), ExecutableMode.INVOKE));
        for (Class<?> array : List.of(boolean[].class, byte[].class, char[].class, short[].class, int[].class,
                long[].class, float[].class, double[].class)) {
            hints.reflection().registerType(TypeReference.of(array));
        }
    }

    /**
     * The records, enums and sealed types of the protocol package and its nested types, as the starter's own jar
     * (or classes directory) holds them.
     */
    static List<Class<?>> protocolTypes(@Nullable ClassLoader classLoader) {
        String anchor = ClassUtils.convertClassNameToResourcePath(JsonRpcMessage.class.getName()) + ".class";
        ClassLoader loader = classLoader != null ? classLoader : McpRuntimeHints.class.getClassLoader();
        URL anchorUrl = loader.getResource(anchor);
        if (anchorUrl == null) {
            throw new IllegalStateException("Cannot find " + anchor + " to list the classes of " + PROTOCOL_PACKAGE);
        }
        String directory = anchorUrl.toString().substring(0, anchorUrl.toString().lastIndexOf('/') + 1);
        List<Class<?>> types = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver(loader)
                .getResources(directory + "*.class")) {
                String file = resource.getFilename();
                if (file == null || file.startsWith("package-info")) {
                    continue;
                }
                Class<?> type = ClassUtils.resolveClassName(
                        PROTOCOL_PACKAGE + "." + file.substring(0, file.length() - ".class".length()), loader);
                if (type.isRecord() || type.isEnum() || type.isSealed()) {
                    types.add(type);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the classes of " + PROTOCOL_PACKAGE, ex);
        }
        types.sort(Comparator.comparing(Class::getName));
        return types;
    }
}
