package dev.mcpspring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mcpspring.protocol.internal.BufferRecyclerPool;
import dev.mcpspring.protocol.internal.FiniteNumbersModule;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the Jackson mapper for MCP messages: unknown fields are tolerated, and nulls and empty {@code Optional}s
 * are left out (so that a tool's structured result has the properties its output schema describes); date-times
 * keep their offset or zone; a
 * {@code double} or {@code float} that is NaN or infinite cannot be written (JSON has no number for it). Everything the
 * mapper reads is held to {@link StreamReadConstraints} (nesting depth, string, number and name length, document
 * length), {@link #DEFAULT_CONSTRAINTS} unless others are given, so hostile input cannot make parsing expensive.
 * Its parsers and generators take their buffers from a {@link BufferRecyclerPool}. The Jackson modules found on the
 * class path (Java's service loader) are registered, as Spring Boot does for its own mapper.
 */
public final class McpJsonMapper {

    /** The default maximum nesting depth of arrays and objects (Jackson's own default is 500). */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

    /** The default maximum length of a string value in characters (Jackson's own default is 20,000,000). */
    public static final int DEFAULT_MAX_STRING_LENGTH = 4 * 1024 * 1024;

    /** The default maximum number of characters of a number (Jackson's own default is 1000). */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 100;

    /** The default maximum length of a property name in characters (Jackson's own default is 50,000). */
    public static final int DEFAULT_MAX_NAME_LENGTH = 1024;

    /** The default maximum document length in bytes; the transport's body limit usually binds first. */
    public static final long DEFAULT_MAX_DOCUMENT_LENGTH = 4L * 1024 * 1024;

    /** The constraints of {@link #create()}. */
    public static final StreamReadConstraints DEFAULT_CONSTRAINTS = StreamReadConstraints.builder()
        .maxNestingDepth(DEFAULT_MAX_NESTING_DEPTH)
        .maxStringLength(DEFAULT_MAX_STRING_LENGTH)
        .maxNumberLength(DEFAULT_MAX_NUMBER_LENGTH)
        .maxNameLength(DEFAULT_MAX_NAME_LENGTH)
        .maxDocumentLength(DEFAULT_MAX_DOCUMENT_LENGTH)
        .build();

    private McpJsonMapper() {
    }

    /** A builder with MCP's settings and the default read constraints, to add modules before building. */
    public static JsonMapper.Builder builder() {
        return builder(DEFAULT_CONSTRAINTS);
    }

    /** A builder with MCP's settings and the given read constraints. */
    public static JsonMapper.Builder builder(StreamReadConstraints constraints) {
        JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(constraints)
            .recyclerPool(new BufferRecyclerPool())
            .build();
        // the Jackson modules on the class path, as Spring Boot's own mapper registers them: the application's
        // types, Kotlin's data classes (jackson-module-kotlin) among them, bind as the application expects
        return JsonMapper.builder(factory)
            .findAndAddModules(McpJsonMapper.class.getClassLoader())
            .addModule(new FiniteNumbersModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a date-time keeps the offset or zone it was given, reading and writing, instead of moving to UTC: a
            // tool called with 10:00+02:00 sees 10:00+02:00
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE,
                    DateTimeFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE)
            // an enum is one of its names, as its schema lists them, not also its index
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .changeDefaultPropertyInclusion(
                    inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_ABSENT));
    }

    /** A mapper with MCP's settings. */
    public static JsonMapper create() {
        return builder().build();
    }

    /** A mapper with MCP's settings and the given read constraints. */
    public static JsonMapper create(StreamReadConstraints constraints) {
        return builder(constraints).build();
    }
}
