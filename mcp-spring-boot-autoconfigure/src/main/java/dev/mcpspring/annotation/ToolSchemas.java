package dev.mcpspring.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import org.springframework.util.ClassUtils;
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
 * enum values ({@code @JsonValue}, {@code @JsonProperty}); {@link McpToolParam} descriptions and {@code required};
 * Bean Validation constraints when {@code jakarta.validation} is on the class path.
 */
final class ToolSchemas {

    static final String DEFS = "$defs";

    /** The property that holds a tool's result when it is not a JSON object. */
    static final String RESULT = "result";

    private static final boolean BEAN_VALIDATION_PRESENT = ClassUtils.isPresent(
            "jakarta.validation.constraints.NotNull", ToolSchemas.class.getClassLoader());

    private final ObjectMapper mapper;

    private final SchemaGenerator inputGenerator;

    private final SchemaGenerator outputGenerator;

    ToolSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
        this.inputGenerator = new SchemaGenerator(configure(mapper, true).build());
        this.outputGenerator = new SchemaGenerator(configure(mapper, false).build());
    }

    private static SchemaGeneratorConfigBuilder configure(ObjectMapper mapper, boolean input) {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
            .without(Option.SCHEMA_VERSION_INDICATOR)
            .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.PLAIN_DEFINITION_KEYS);
        // properties in declaration order (a record's component order), as Jackson writes them
        builder.forTypesInGeneral().withPropertySorter((first, second) -> 0);
        // the first custom definition that answers wins: enums as Jackson writes them, before any other rule
        builder.forTypesInGeneral().withCustomDefinitionProvider(enumDefinitions(mapper));
        // first registered resolver that answers wins: McpToolParam before Jackson's @JsonPropertyDescription
        builder.forFields().withDescriptionResolver(ToolSchemas::describe);
        builder.forMethods().withDescriptionResolver(ToolSchemas::describe);
        builder.with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED));
        if (BEAN_VALIDATION_PRESENT) {
            builder.with(JakartaSchemaSupport.module());
        }
        builder.forTypesInGeneral().withCustomDefinitionProvider(jsonNodeDefinitions(mapper));
        if (input) {
            builder.forFields().withRequiredCheck(ToolSchemas::isRequiredInput);
        }
        else {
            // Jackson always writes a primitive; anything else may be left out when null
            builder.forFields().withRequiredCheck(field -> field.getDeclaredType().isPrimitive());
        }
        return builder;
    }

    private static String describe(MemberScope<?, ?> member) {
        if (member.isFakeContainerItemScope()) {
            return null;
        }
        McpToolParam param = member.getAnnotationConsideringFieldAndGetter(McpToolParam.class);
        return param == null || param.description().isEmpty() ? null : param.description();
    }

    /** Properties of argument types are required unless optional by the same rules as the arguments themselves. */
    private static boolean isRequiredInput(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return false;
        }
        McpToolParam param = field.getAnnotationConsideringFieldAndGetter(McpToolParam.class);
        if (param != null && !param.required()) {
            return false;
        }
        if (field.getDeclaredType().isInstanceOf(Optional.class)) {
            return false;
        }
        MethodScope getter = field.findGetter();
        return !hasNullableAnnotation(field.getRawMember())
                && (getter == null || !hasNullableAnnotation(getter.getRawMember()));
    }

    /**
     * Whether an element carries an annotation named {@code Nullable} (JSpecify, Spring, Jakarta, ...), on the
     * element or on its type.
     */
    static boolean hasNullableAnnotation(AnnotatedElement element) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        AnnotatedType type = null;
        if (element instanceof Field f) {
            type = f.getAnnotatedType();
        }
        else if (element instanceof Method m) {
            type = m.getAnnotatedReturnType();
        }
        else if (element instanceof Parameter p) {
            type = p.getAnnotatedType();
        }
        return type != null && hasNullableAnnotation(type.getAnnotations());
    }

    static boolean hasNullableAnnotation(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Enums: the values Jackson writes for the constants (honouring {@code @JsonValue}, {@code @JsonProperty} and
     * the mapper's enum features), which are the values it reads.
     */
    private static CustomDefinitionProviderV2 enumDefinitions(ObjectMapper mapper) {
        return (javaType, context) -> {
            Object[] constants = javaType == null ? null : javaType.getErasedType().getEnumConstants();
            if (constants == null || constants.length == 0) {
                return null;
            }
            ArrayNode values = mapper.createArrayNode();
            boolean strings = true;
            boolean integers = true;
            for (Object constant : constants) {
                JsonNode value = mapper.valueToTree(constant);
                strings &= value.isString();
                integers &= value.isIntegralNumber();
                values.add(value);
            }
            ObjectNode definition = mapper.createObjectNode();
            if (strings || integers) {
                definition.put("type", strings ? "string" : "integer");
            }
            definition.set("enum", values);
            return new CustomDefinition(definition, CustomDefinition.DefinitionType.STANDARD,
                    CustomDefinition.AttributeInclusion.YES);
        };
    }

    /** Jackson trees: an object node is an object, an array node an array, any other node any JSON value. */
    private static CustomDefinitionProviderV2 jsonNodeDefinitions(ObjectMapper mapper) {
        return (javaType, context) -> {
            if (!javaType.isInstanceOf(JsonNode.class)) {
                return null;
            }
            ObjectNode definition = mapper.createObjectNode();
            if (javaType.isInstanceOf(ObjectNode.class)) {
                definition.put("type", "object");
            }
            else if (javaType.isInstanceOf(ArrayNode.class)) {
                definition.put("type", "array");
            }
            return new CustomDefinition(definition, CustomDefinition.DefinitionType.INLINE,
                    CustomDefinition.AttributeInclusion.YES);
        };
    }

    /**
     * The input schema: an object with one property per argument.
     *
     * @throws RuntimeException when the schema of an argument's type cannot be generated
     */
    synchronized ObjectNode inputSchema(List<ToolArgument> arguments) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        List<String> required = new ArrayList<>();
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
            if (argument.description() != null) {
                node.put("description", argument.description());
            }
            if (BEAN_VALIDATION_PRESENT) {
                JakartaSchemaSupport.applyParameterConstraints(argument.parameter(), argument.valueType(), node);
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
