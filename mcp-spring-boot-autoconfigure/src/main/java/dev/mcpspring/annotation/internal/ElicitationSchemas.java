package dev.mcpspring.annotation.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import dev.mcpspring.annotation.McpTitledEnum;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.server.ElicitationSchemaGenerator;
import org.springframework.util.Assert;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives the {@code requestedSchema} of a form-mode elicitation from a record or bean, for
 * {@link dev.mcpspring.server.PeerHandle#elicit(String, Class)}. The type is described the way tool argument types
 * are (see {@link McpToolParam}), then restricted to the flat form the MCP elicitation spec allows:
 * <ul>
 * <li>one field per property, named as Jackson names it ({@code @JsonProperty}); properties Jackson ignores or does
 * not read are not asked for;</li>
 * <li>{@code String}, {@code char}, {@code UUID}, {@code LocalDateTime}, {@code LocalTime}: a string field;
 * {@code LocalDate} with {@code "format": "date"}, {@code Instant}, {@code OffsetDateTime} and
 * {@code ZonedDateTime} with {@code "date-time"}, {@code URI} and {@code URL} with {@code "uri"}, and
 * {@code @Email} with {@code "email"};</li>
 * <li>integral types: an integer field; {@code float}, {@code double}, {@code BigDecimal}: a number field;
 * {@code boolean}: a boolean field;</li>
 * <li>an enum: a single select of the values Jackson writes; with titles when it implements
 * {@link McpTitledEnum};</li>
 * <li>a {@code List}, {@code Set} or array of an enum: a multi select;</li>
 * <li>title and description from {@link McpToolParam#title()} and {@link McpToolParam#description()} (or
 * {@code @JsonPropertyDescription}); a default from {@code @JsonProperty(defaultValue = "...")}, read as a value of
 * the field's type (a comma-separated list for a multi select);</li>
 * <li>required unless {@code Optional}, annotated {@code @Nullable} or {@code @McpToolParam(required = false)};</li>
 * <li>Bean Validation constraints as far as the form can say them: {@code @Size}, {@code @NotBlank} and
 * {@code @NotEmpty} as lengths or item counts, {@code @Min}, {@code @Max}, {@code @DecimalMin},
 * {@code @DecimalMax}, {@code @Positive} and the like as inclusive bounds.</li>
 * </ul>
 * A type whose JSON is not an object of such fields (a single value, a map, a nested object, a list of anything but
 * an enum) is refused with an {@link IllegalArgumentException} naming the type and property. The answer the client
 * sends is not checked against the constraints that the form cannot express, such as {@code @Pattern}.
 * <p>
 * Each type's schema is computed once; instances are thread-safe.
 */
public class ElicitationSchemas implements ElicitationSchemaGenerator {

    private final ObjectMapper mapper;

    private final SchemaGenerator generator;

    private final ConcurrentMap<Class<?>, ObjectNode> schemas = new ConcurrentHashMap<>();

    /** Schemas of the types that {@code mapper} (the protocol's mapper) binds the answers to. */
    public ElicitationSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
        SchemaGeneratorConfigBuilder builder = SchemaGeneratorSettings.builder(mapper);
        builder.forFields().withRequiredCheck(SchemaGeneratorSettings::isRequiredInput);
        builder.forFields().withDefaultResolver(FormDefaults::resolve);
        this.generator = new SchemaGenerator(builder.build());
    }

    /**
     * The form schema for {@code type}; a copy that the caller may change.
     *
     * @throws IllegalArgumentException naming the type and property that the form cannot ask for, and why
     */
    @Override
    public ObjectNode schemaFor(Class<?> type) {
        Assert.notNull(type, "type must not be null");
        return schemas.computeIfAbsent(type, this::generate).deepCopy();
    }

    // victools' generator and the Jackson module's caches are not thread-safe
    private synchronized ObjectNode generate(Class<?> type) {
        ElicitationForm.checkAskable(type);
        SchemaBuilder builder = generator.buildMultipleSchemaDefinitions();
        ObjectNode schema = builder.createSchemaReference(type);
        ObjectNode definitions = builder.collectDefinitions(ToolSchemas.DEFS);
        return ElicitationForm.restrict(mapper, type, schema, definitions);
    }
}
