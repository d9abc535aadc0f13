package dev.mcpspring.annotation.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.annotation.McpTitledEnum;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.server.ParamHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schemas (draft 2020-12) of annotated tools with victools' jsonschema-generator: the input
 * schema from the bound parameters and the output schema from the return type. Types that appear more than once
 * or recursively go to {@code $defs} at the root and are referenced as {@code #/$defs/Name}.
 * <p>
 * Honoured: Jackson's property names, ignorals, {@code @JsonPropertyDescription} / {@code @JsonClassDescription},
 * enum values ({@code @JsonValue}, {@code @JsonProperty}); {@link McpToolParam} titles, descriptions and
 * {@code required}; the titles of {@link McpTitledEnum} constants;
 * Bean Validation constraints when {@code jakarta.validation} is on the class path (see
 * {@link SchemaGeneratorSettings}).
 */
final class ToolSchemas {

    static final String DEFS = "$defs";

    /** The property that holds a tool's result when it is not a JSON object. */
    static final String RESULT = "result";

    private final ObjectMapper mapper;

    private final SchemaGenerator inputGenerator;

    private final SchemaGenerator outputGenerator;

    ToolSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
        this.inputGenerator = new SchemaGenerator(configure(mapper, true).build());
        this.outputGenerator = new SchemaGenerator(configure(mapper, false).build());
    }

    private static SchemaGeneratorConfigBuilder configure(ObjectMapper mapper, boolean input) {
        SchemaGeneratorConfigBuilder builder = SchemaGeneratorSettings.builder(mapper);
        // An Optional component is one a client may leave out, and one the mapper leaves out of a result when
        // empty: its schema is its value's. victools' own flattening of Optionals also allows null, as a type
        // array or an anyOf with a null branch, which some clients cannot map onto their model's dialect.
        builder.without(Option.FLATTENED_OPTIONALS);
        builder.forFields().withTargetTypeOverridesResolver(ToolSchemas::optionalValueType);
        builder.forFields().withInstanceAttributeOverride(
                (node, field, context) -> refuseParameterOnlyAttributes(field));
        if (input) {
            builder.forFields().withRequiredCheck(SchemaGeneratorSettings::isRequiredInput);
        }
        else {
            // Jackson always writes a primitive and a Kotlin property that is not nullable; anything else may be
            // left out when null
            builder.forFields().withRequiredCheck(field -> field.getDeclaredType().isPrimitive()
                    || !field.isFakeContainerItemScope() && KotlinSupport.isNonNullProperty(
                            field.getDeclaringType().getErasedType(), field.getDeclaredName()));
        }
        return builder;
    }

    /**
     * Refuses {@code @McpToolParam(name)} and {@code @McpToolParam(header)} on a property of a record or class: they
     * apply to a tool method's parameters only, and a property silently keeping its Jackson name, or an argument
     * never mirrored into its header, is what the author did not mean.
     *
     * @throws IllegalArgumentException saying which property and what to do instead
     */
    private static void refuseParameterOnlyAttributes(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return;
        }
        McpToolParam param = field.getAnnotationConsideringFieldAndGetter(McpToolParam.class);
        if (param == null) {
            return;
        }
        String property = "property '" + field.getDeclaredName() + "' of "
                + field.getDeclaringType().getErasedType().getSimpleName();
        if (!param.name().isEmpty()) {
            throw new IllegalArgumentException("@McpToolParam(name = \"" + param.name() + "\") on " + property
                    + " has no effect: name a property with Jackson's @JsonProperty");
        }
        if (!param.header().isEmpty()) {
            throw new IllegalArgumentException("@McpToolParam(header = \"" + param.header() + "\") on " + property
                    + " has no effect: only a tool method's parameters can be mirrored into a header");
        }
    }

    /** The type of an Optional field's value, which its schema describes; {@code null} for any other field. */
    private static @Nullable List<ResolvedType> optionalValueType(FieldScope field) {
        if (!field.getDeclaredType().isInstanceOf(Optional.class)) {
            return null;
        }
        ResolvedType value = field.getTypeParameterFor(Optional.class, 0);
        return value == null ? null : List.of(value);
    }

    /**
     * Marks the argument's property with {@code x-mcp-header}, after checking what SEP-2243 requires of it.
     *
     * @param headers the header names of the tool so far, lower case
     */
    private static void markHeader(ToolArgument argument, ObjectNode property, Set<String> headers) {
        String header = argument.header();
        if (!header.chars().allMatch(ToolSchemas::isTokenChar)) {
            throw new IllegalArgumentException("the header '" + header + "' of argument '" + argument.name()
                    + "' is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~)");
        }
        if (!headers.add(header.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the header '" + header + "' of argument '" + argument.name()
                    + "' is used by another argument (header names are compared ignoring case)");
        }
        String type = property.path("type").asString("");
        if (!type.equals("string") && !type.equals("integer") && !type.equals("boolean")) {
            throw new IllegalArgumentException("argument '" + argument.name() + "' cannot be mirrored into a header: "
                    + "only string, integer and boolean arguments can, and its schema type is '" + type + "'");
        }
        property.put(ParamHeaders.KEYWORD, header);
    }

    private static boolean isTokenChar(int c) {
        return c < 0x7f && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    synchronized ObjectNode inputSchema(List<ToolArgument> arguments) {
        return inputSchema(arguments, true);
    }

    /**
     * The input schema: an object with one property per argument.
     *
     * @param additionalProperties whether arguments beyond these are allowed; {@code false} writes
     *                             {@code "additionalProperties": false}
     * @throws RuntimeException when the schema of an argument's type cannot be generated
     */
    synchronized ObjectNode inputSchema(List<ToolArgument> arguments, boolean additionalProperties) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        if (!additionalProperties) {
            root.put("additionalProperties", false);
        }
        List<String> required = new ArrayList<>();
        Set<String> headers = new HashSet<>();
        SchemaBuilder builder = inputGenerator.buildMultipleSchemaDefinitions();
        List<ObjectNode> nodes = new ArrayList<>(arguments.size());
        for (ToolArgument argument : arguments) {
            ObjectNode node = builder.createSchemaReference(argument.valueType());
            nodes.add(node);
            properties.set(argument.name(), node);
            if (argument.required()) {
                required.add(argument.name());
            }
        }
        ObjectNode definitions = builder.collectDefinitions(DEFS);
        for (int i = 0; i < arguments.size(); i++) {
            ToolArgument argument = arguments.get(i);
            ObjectNode node = nodes.get(i);
            if (argument.title() != null) {
                node.put("title", argument.title());
            }
            if (argument.description() != null) {
                node.put("description", argument.description());
            }
            if (SchemaGeneratorSettings.BEAN_VALIDATION_PRESENT) {
                JakartaSchemaSupport.applyParameterConstraints(argument.parameter(), argument.valueType(), node);
            }
            if (argument.header() != null) {
                markHeader(argument, node, headers);
            }
        }
        if (!required.isEmpty()) {
            ArrayNode requiredNode = root.putArray("required");
            required.forEach(requiredNode::add);
        }
        if (!definitions.isEmpty()) {
            root.set(DEFS, definitions);
        }
        return root;
    }

    /**
     * The output schema of a structured result.
     *
     * @param type           the type of the value (an {@code Optional} already unwrapped)
     * @param alwaysWrap     wrap the value as {@code {"result": value}} even when it is an object
     * @param resultRequired whether {@code result} is always present when wrapped (a primitive)
     * @return the schema, and whether values are to be wrapped
     */
    synchronized OutputSchema outputSchema(Type type, boolean alwaysWrap, boolean resultRequired) {
        SchemaBuilder builder = outputGenerator.buildMultipleSchemaDefinitions();
        ObjectNode node = builder.createSchemaReference(type);
        ObjectNode definitions = builder.collectDefinitions(DEFS);
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "object");
        boolean wrapped = alwaysWrap || !describesObject(node, definitions);
        if (wrapped) {
            root.putObject("properties").set(RESULT, node);
            if (resultRequired) {
                root.putArray("required").add(RESULT);
            }
        }
        else {
            // "type": "object" stays first, and stays even when the value's schema is only a $ref
            node.remove("type");
            root.setAll(node);
        }
        if (!definitions.isEmpty()) {
            root.set(DEFS, definitions);
        }
        return new OutputSchema(root, wrapped);
    }

    private static boolean describesObject(ObjectNode node, ObjectNode definitions) {
        JsonNode type = node.get("type");
        if (type != null) {
            return type.isString() && "object".equals(type.asString());
        }
        JsonNode ref = node.get("$ref");
        String prefix = "#/" + DEFS + "/";
        if (ref != null && ref.isString() && ref.asString().startsWith(prefix) && node.size() == 1) {
            JsonNode definition = definitions.get(ref.asString().substring(prefix.length()));
            return definition != null && definition.has("type") && "object".equals(definition.get("type").asString());
        }
        return false;
    }

    /**
     * An output schema.
     *
     * @param schema  the schema, an object schema at the root
     * @param wrapped whether values are wrapped as {@code {"result": value}}
     */
    record OutputSchema(ObjectNode schema, boolean wrapped) {
    }
}
