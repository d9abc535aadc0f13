package dev.mcpspring.annotation.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.MethodScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import dev.mcpspring.annotation.McpTitledEnum;
import dev.mcpspring.annotation.McpToolParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settings of victools' generator that tool schemas ({@link ToolSchemas}) and elicitation form schemas
 * ({@link ElicitationSchemas}) share, so that both describe a type the same way: Jackson's property names,
 * ignorals and descriptions, {@link McpToolParam} titles and descriptions, enum values as Jackson writes them,
 * Bean Validation constraints, and the rules that make a property of an input type required.
 */
final class SchemaGeneratorSettings {

    static final boolean BEAN_VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.constraints.NotNull",
            SchemaGeneratorSettings.class.getClassLoader());

    private SchemaGeneratorSettings() {
    }

    /** A configuration builder with the shared settings; the caller adds its required checks. */
    static SchemaGeneratorConfigBuilder builder(ObjectMapper mapper) {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
            .without(Option.SCHEMA_VERSION_INDICATOR)
            .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.PLAIN_DEFINITION_KEYS);
        // properties in declaration order (a record's component order), as Jackson writes them
        builder.forTypesInGeneral().withPropertySorter((first, second) -> 0);
        // the first custom definition that answers wins: enums as Jackson writes them, before any other rule
        builder.forTypesInGeneral().withCustomDefinitionProvider(enumDefinitions(mapper));
        ScalarSchemas.configure(builder, mapper);
        // first registered resolver that answers wins: McpToolParam before Jackson's @JsonPropertyDescription
        builder.forFields().withDescriptionResolver(SchemaGeneratorSettings::describe);
        builder.forMethods().withDescriptionResolver(SchemaGeneratorSettings::describe);
        builder.forFields().withTitleResolver(SchemaGeneratorSettings::title);
        builder.forMethods().withTitleResolver(SchemaGeneratorSettings::title);
        builder.with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED));
        if (BEAN_VALIDATION_PRESENT) {
            builder.with(JakartaSchemaSupport.module());
        }
        builder.forTypesInGeneral().withCustomDefinitionProvider(jsonNodeDefinitions(mapper));
        return builder;
    }

    private static String describe(MemberScope<?, ?> member) {
        McpToolParam param = param(member);
        return param == null || param.description().isEmpty() ? null : param.description();
    }

    private static String title(MemberScope<?, ?> member) {
        McpToolParam param = param(member);
        return param == null || param.title().isEmpty() ? null : param.title();
    }

    private static McpToolParam param(MemberScope<?, ?> member) {
        if (member.isFakeContainerItemScope()) {
            return null;
        }
        McpToolParam param = member.getAnnotationConsideringFieldAndGetter(McpToolParam.class);
        if (param == null && member instanceof FieldScope field) {
            MethodParameter kotlin = kotlinConstructorParameter(field);
            param = kotlin == null ? null : kotlin.getParameterAnnotation(McpToolParam.class);
        }
        return param;
    }

    private static @Nullable MethodParameter kotlinConstructorParameter(FieldScope field) {
        return KotlinSupport.constructorParameter(field.getDeclaringType().getErasedType(), field.getDeclaredName());
    }

    /**
     * Properties of input types are required unless optional by the same rules as tool arguments, or Jackson never
     * reads them ({@code @JsonProperty(access = READ_ONLY)}). Binding holds a call to this (see
     * {@link ArgumentShape}).
     */
    static boolean isRequiredInput(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return false;
        }
        McpToolParam param = field.getAnnotationConsideringFieldAndGetter(McpToolParam.class);
        if (param != null && !param.required()) {
            return false;
        }
        JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
        if (property != null && property.access() == JsonProperty.Access.READ_ONLY) {
            return false;
        }
        if (field.getDeclaredType().isInstanceOf(Optional.class)
                || isOptionalPrimitive(field.getDeclaredType().getErasedType())) {
            return false;
        }
        MethodParameter kotlin = kotlinConstructorParameter(field);
        if (kotlin != null) {
            return !kotlin.isOptional(); // a nullable type, or a default value
        }
        MethodScope getter = field.findGetter();
        return !hasNullableAnnotation(field.getRawMember())
                && (getter == null || !hasNullableAnnotation(getter.getRawMember()));
    }

    /** {@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble}: may be left out, as an {@code Optional}. */
    static boolean isOptionalPrimitive(Class<?> type) {
        return type == OptionalInt.class || type == OptionalLong.class || type == OptionalDouble.class;
    }

    /**
     * Whether an element carries an annotation named {@code Nullable} (JSpecify, Spring, Jakarta, ...), on the
     * element or on its type.
     */
    static boolean hasNullableAnnotation(AnnotatedElement element) {
        if (hasNullableAnnotation(element.getAnnotations())) {
            return true;
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

    /**
     * Whether a method parameter may be left out: marked nullable on the parameter itself or its type, or among the
     * annotations that {@link MethodParameter} merges in (such as those of the interface method a bean implements),
     * or, in Kotlin, of a nullable type or with a default value.
     */
    static boolean isOptional(MethodParameter parameter) {
        return hasNullableAnnotation(parameter.getParameter())
                || hasNullableAnnotation(parameter.getParameterAnnotations()) || parameter.isOptional()
                || isOptionalPrimitive(parameter.getParameterType());
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
     * the mapper's enum features), which are the values it reads. The constants of an {@link McpTitledEnum} are
     * listed with their titles, as {@code "oneOf": [{"const": value, "title": title}, ...]}.
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
            if (constants[0] instanceof McpTitledEnum) {
                ArrayNode options = definition.putArray("oneOf");
                for (int i = 0; i < constants.length; i++) {
                    String title = ((McpTitledEnum) constants[i]).title();
                    ObjectNode option = options.addObject().set("const", values.get(i));
                    option.put("title", title != null && !title.isEmpty() ? title : values.get(i).asString());
                }
            }
            else {
                definition.set("enum", values);
            }
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
}
