package dev.mcpspring.annotation.internal;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinitionProvider;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of the types that Jackson writes and reads as one JSON string or number, described as Jackson writes
 * them rather than as victools would by their Java structure or by a JSON Schema format their text does not meet: a
 * {@code YearMonth} is {@code "2024-05"}, not an object; a {@code LocalTime} is {@code "10:15:30"}, which is no
 * RFC 3339 {@code time} (that needs an offset); a {@code byte[]} is a base64 string; an {@code OptionalInt} is an
 * integer; a {@code Currency}, {@code Locale}, {@code TimeZone}, {@code Charset}, {@code Path}, {@code File},
 * {@code Pattern}, {@code InetAddress} or {@code Class} is a string, not the object victools makes of its getters.
 * A property whose {@code @JsonFormat} gives another shape or pattern is described by that.
 */
final class ScalarSchemas {

    private static final String DIGITS = "[0-9]";

    private static final String TIME = DIGITS + "{2}:" + DIGITS + "{2}(:" + DIGITS + "{2}(\\.[0-9]+)?)?";

    private static final String DATE = "-?" + DIGITS + "{4,}-" + DIGITS + "{2}-" + DIGITS + "{2}";

    /** Each type's schema: its type, then a format or pattern ("~" marks a pattern). */
    private static final Map<Class<?>, String[]> SCHEMAS = Map.ofEntries(
            Map.entry(URL.class, new String[] { "string", "uri" }),
            Map.entry(Instant.class, new String[] { "string", "date-time" }),
            Map.entry(OffsetDateTime.class, new String[] { "string", "date-time" }),
            Map.entry(ZonedDateTime.class, new String[] { "string", "date-time" }),
            Map.entry(LocalDate.class, new String[] { "string", "date" }),
            Map.entry(LocalDateTime.class, new String[] { "string", "~^" + DATE + "T" + TIME + "$" }),
            Map.entry(LocalTime.class, new String[] { "string", "~^" + TIME + "$" }),
            Map.entry(OffsetTime.class, new String[] { "string", "time" }),
            Map.entry(Duration.class, new String[] { "string", "duration" }),
            Map.entry(Period.class, new String[] { "string", "duration" }),
            Map.entry(YearMonth.class, new String[] { "string", "~^-?" + DIGITS + "{4,}-" + DIGITS + "{2}$" }),
            Map.entry(MonthDay.class, new String[] { "string", "~^--" + DIGITS + "{2}-" + DIGITS + "{2}$" }),
            Map.entry(Year.class, new String[] { "integer" }),
            Map.entry(ZoneId.class, new String[] { "string" }),
            Map.entry(Currency.class, new String[] { "string" }),
            Map.entry(Locale.class, new String[] { "string" }),
            Map.entry(TimeZone.class, new String[] { "string" }),
            Map.entry(Charset.class, new String[] { "string" }),
            Map.entry(Path.class, new String[] { "string" }),
            Map.entry(File.class, new String[] { "string" }),
            Map.entry(Pattern.class, new String[] { "string" }),
            Map.entry(InetAddress.class, new String[] { "string" }),
            Map.entry(InetSocketAddress.class, new String[] { "string" }),
            Map.entry(Class.class, new String[] { "string" }),
            Map.entry(byte[].class, new String[] { "string" }),
            Map.entry(OptionalInt.class, new String[] { "integer" }),
            Map.entry(OptionalLong.class, new String[] { "integer" }),
            Map.entry(OptionalDouble.class, new String[] { "number" }));

    /** Abstract types of {@link #SCHEMAS} whose subclasses (the JDK's own, or the application's) are written alike. */
    private static final List<Class<?>> SUPERTYPES = List.of(ZoneId.class, TimeZone.class, Charset.class, Path.class,
            InetAddress.class);

    private ScalarSchemas() {
    }

    /** The schema of {@code type} by {@link #SCHEMAS}, or {@code null}. */
    private static String @Nullable [] schemaOf(Class<?> type) {
        String[] schema = SCHEMAS.get(type);
        if (schema == null) {
            for (Class<?> supertype : SUPERTYPES) {
                if (supertype.isAssignableFrom(type)) {
                    return SCHEMAS.get(supertype);
                }
            }
        }
        return schema;
    }

    /** Registers the definitions and the {@code @JsonFormat} overrides with {@code builder}. */
    static void configure(SchemaGeneratorConfigBuilder builder, ObjectMapper mapper) {
        builder.forTypesInGeneral().withCustomDefinitionProvider(definitions(mapper));
        builder.forFields().withCustomDefinitionProvider(jsonFormatDefinitions(mapper));
        builder.forFields().withInstanceAttributeOverride(ScalarSchemas::describePattern);
    }

    private static CustomDefinitionProviderV2 definitions(ObjectMapper mapper) {
        return (javaType, context) -> {
            Class<?> type = javaType.getErasedType();
            String[] schema = schemaOf(type);
            if (schema == null) {
                return null;
            }
            ObjectNode definition = mapper.createObjectNode().put("type", schema[0]);
            if (schema.length > 1) {
                definition.put(schema[1].startsWith("~") ? "pattern" : "format",
                        schema[1].startsWith("~") ? schema[1].substring(1) : schema[1]);
            }
            if (type == byte[].class) {
                definition.put("contentEncoding", "base64");
            }
            return new CustomDefinition(definition, CustomDefinition.DefinitionType.INLINE,
                    CustomDefinition.AttributeInclusion.YES);
        };
    }

    /**
     * A property's {@code @JsonFormat}: a number shape makes it a number; a pattern of its own replaces the format
     * or pattern of its type (a date written {@code dd.MM.yyyy} is no {@code date}), and is named in its
     * description.
     */
    private static CustomPropertyDefinitionProvider<FieldScope> jsonFormatDefinitions(ObjectMapper mapper) {
        return (field, context) -> {
            JsonFormat format = jsonFormat(field);
            if (format == null) {
                return null;
            }
            JsonFormat.Shape shape = format.shape();
            String type = shape == JsonFormat.Shape.NUMBER_INT ? "integer"
                    : shape == JsonFormat.Shape.NUMBER || shape == JsonFormat.Shape.NUMBER_FLOAT ? "number"
                    : !format.pattern().isEmpty() && isWrittenAsString(field.getType().getErasedType()) ? "string"
                    : null;
            return type == null ? null
                    : new CustomPropertyDefinition(mapper.createObjectNode().put("type", type),
                            CustomDefinition.AttributeInclusion.YES);
        };
    }

    private static void describePattern(ObjectNode node, FieldScope field, SchemaGenerationContext context) {
        JsonFormat format = jsonFormat(field);
        if (format != null && !format.pattern().isEmpty() && isWrittenAsString(field.getType().getErasedType())
                && format.shape() != JsonFormat.Shape.NUMBER && format.shape() != JsonFormat.Shape.NUMBER_INT
                && format.shape() != JsonFormat.Shape.NUMBER_FLOAT) {
            String description = node.path("description").asString("");
            node.put("description", (description.isEmpty() ? "" : description + " ") + "(format: "
                    + format.pattern() + ")");
        }
    }

    private static @Nullable JsonFormat jsonFormat(FieldScope field) {
        return field.isFakeContainerItemScope() ? null : field.getAnnotationConsideringFieldAndGetter(JsonFormat.class);
    }

    private static boolean isWrittenAsString(Class<?> type) {
        String[] schema = schemaOf(type);
        return schema != null && "string".equals(schema[0]);
    }
}
