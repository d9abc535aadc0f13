package dev.mcpspring.annotation.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

import dev.mcpspring.protocol.McpJsonMapper;

/**
 * Generates one tool schema on Spring Boot's background pre-initialisation thread while the main thread starts
 * the application context: loading and initialising victools' generator and its Jackson and Bean Validation
 * modules (about 200 classes) is most of what the first schema of an annotated tool costs at start-up, and on
 * another CPU it is off the start-up's critical path. Boot runs it only with more than one CPU and not when
 * {@code spring.backgroundpreinitializer.ignore} is set.
 */
final class SchemaGeneratorPreinitializer implements BackgroundPreinitializer {

    @Override
    public void preinitialize() {
        new ToolSchemas(McpJsonMapper.create()).outputSchema(Sample.class, false, true);
    }

    /** The kinds of property a tool's types usually have: text, numbers, enums, optionals, lists, nesting. */
    private record Sample(String text, int count, Optional<Level> level, List<Sample> children) {
    }

    private enum Level {
        LOW, HIGH
    }
}
