package dev.mcpspring.aot.internal;

import static dev.mcpspring.aot.internal.BindingAssertions.assertBindable;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.ExecutableHint;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import reactor.core.publisher.Mono;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.ResourceContents;

/**
 * The starter's own hints: every record, enum and sealed type of the protocol package bindable, the cluster's
 * messages, and the methods the starter calls reflectively. The protocol types are listed here independently of
 * the registrar (by ArchUnit's class file importer), so a type the registrar misses fails the test.
 */
class McpRuntimeHintsTests {

    private final RuntimeHints hints = registered();

    @Test
    void everyProtocolRecordIsBindable() {
        List<Class<?>> records = protocolClasses().stream().filter(Class::isRecord).toList();

        assertThat(records).contains(JsonRpcMessage.Request.class, CallToolResult.class, Content.Text.class,
                ResourceContents.Blob.class);
        records.forEach(record -> assertBindable(hints, record));
    }

    @Test
    void everyProtocolEnumAndSealedTypeIsRegistered() {
        List<Class<?>> types = protocolClasses().stream()
            .filter(type -> type.isEnum() || type.isSealed())
            .toList();

        assertThat(types).contains(LoggingLevel.class, Content.class, JsonRpcMessage.class);
        types.forEach(type -> assertThat(RuntimeHintsPredicates.reflection().onType(type)).as("%s", type)
            .accepts(hints));
    }

    @Test
    void jacksonAnnotatedMethodsOfTheProtocolAreInvokable() {
        // @JsonCreator and @JsonValue of an enum
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LoggingLevel.class, "fromWire"))
            .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LoggingLevel.class, "wireName"))
            .accepts(hints);
        // "jsonrpc": "2.0", a @JsonProperty default method of the envelope's interface
        assertThat(RuntimeHintsPredicates.reflection()
            .onMethodInvocation(ReflectionUtils.findMethod(JsonRpcMessage.class, "jsonrpc"))).accepts(hints);
    }

    @Test
    void clusterMessagesAreBindableWithRedisPresent() throws ClassNotFoundException {
        Class<?> message = ClassUtils.forName(McpRuntimeHints.CLUSTER_MESSAGE, getClass().getClassLoader());

        assertBindable(hints, message);
    }

    @Test
    void reflectivelyCalledMethodsAreInvokable() {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Mono.class, "toFuture")).accepts(hints);
        // by name: absent from Java 17's Executors, so no predicate can look it up there
        TypeHint executors = hints.reflection().getTypeHint(Executors.class);
        assertThat(executors).isNotNull();
        assertThat(executors.methods()).filteredOn(method -> method.getName()
            .equals("newVirtualThreadPerTaskExecutor"))
            .singleElement()
            .extracting(ExecutableHint::getMode)
            .isEqualTo(ExecutableMode.INVOKE);
        assertThat(RuntimeHintsPredicates.reflection().onType(int[].class)).accepts(hints);
    }

    @Test
    void aProtocolRecordWithoutHintsIsNoticed() {
        // the predicate the tests above rely on rejects what nothing registered
        assertThat(RuntimeHintsPredicates.reflection().onType(JsonRpcMessage.Request.class))
            .rejects(new RuntimeHints());
    }

    @Test
    void theRegistrarIsRegisteredForSpringsAotProcessing() {
        assertThat(AotServices.factories(getClass().getClassLoader()).load(RuntimeHintsRegistrar.class))
            .hasAtLeastOneElementOfType(McpRuntimeHints.class);
    }

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        new McpRuntimeHints().registerHints(hints, McpRuntimeHintsTests.class.getClassLoader());
        return hints;
    }

    /** The classes of {@code dev.mcpspring.protocol} (not its sub-packages) as the compiler wrote them. */
    private static List<Class<?>> protocolClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(McpRuntimeHints.PROTOCOL_PACKAGE)
            .stream()
            .filter(type -> type.getPackageName().equals(McpRuntimeHints.PROTOCOL_PACKAGE))
            .map(JavaClass::reflect)
            .<Class<?>>map(type -> type)
            .toList();
    }
}
