package dev.mcpspring.annotation.internal;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.victools.jsonschema.generator.FieldScope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The default values of elicitation form fields (SEP-1034): the text of {@code @JsonProperty(defaultValue = "...")}
 * on a record component, field or getter, read as a value of the field's JSON type. A string field takes the text
 * as it is; a number or integer field a JSON number; a boolean field {@code true} or {@code false}; a single-select
 * enum one of its values (as Jackson writes them); a multi-select a comma-separated list of its values. A text that
 * is not such a value is refused when the schema is generated.
 * <p>
 * Jackson itself only documents {@code defaultValue} ("most often used as source information for generating
 * schemas"): nothing fills it in when reading JSON, and a client pre-fills the field with it but sends what the user
 * accepted. Tool input schemas do not show it, since nothing applies it to a missing argument.
 */
final class FormDefaults {

    /** The JSON type a default is read as. */
    enum Kind {
        STRING, NUMBER, INTEGER, BOOLEAN, SINGLE_SELECT, MULTI_SELECT
    }

    private FormDefaults() {
    }

    /** The text of a property's {@code @JsonProperty(defaultValue)}, for victools' default resolver. */
    static @Nullable Object resolve(FieldScope field) {
        if (field.isFakeContainerItemScope()) {
            return null;
        }
        JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
        return property == null || property.defaultValue().isEmpty() ? null : property.defaultValue();
    }

    /**
     * The default as a value of the field's kind.
     *
     * @param values the enum values of a select, else {@code null}
     * @throws IllegalArgumentException when the text is not a value of that kind
     */
    static JsonNode read(ObjectMapper mapper, ElicitationForm.Property property, Kind kind, JsonNode node,
            List<String> values) {
        String text = node.asString();
        switch (kind) {
            case STRING:
                return mapper.getNodeFactory().stringNode(text);
            case BOOLEAN:
                if (text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false")) {
                    return mapper.getNodeFactory().booleanNode(Boolean.parseBoolean(text.trim()));
                }
                throw invalid(property, text, "not true or false");
            case NUMBER:
            case INTEGER:
                BigDecimal number;
                try {
                    number = new BigDecimal(text.trim());
                }
                catch (NumberFormatException ex) {
                    throw invalid(property, text, "not a number");
                }
                try {
                    return mapper.getNodeFactory().numberNode(number.toBigIntegerExact());
                }
                catch (ArithmeticException notAWholeNumber) {
                    if (kind == Kind.INTEGER) {
                        throw invalid(property, text, "not an integer");
                    }
                    return mapper.getNodeFactory().numberNode(number);
                }
            case SINGLE_SELECT:
                return mapper.getNodeFactory().stringNode(option(property, text, values));
            case MULTI_SELECT:
                ArrayNode selected = mapper.createArrayNode();
                for (String each : text.split(",")) {
                    if (!each.isBlank()) {
                        selected.add(option(property, each.trim(), values));
                    }
                }
                return selected;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private static String option(ElicitationForm.Property property, String text, List<String> values) {
        if (!values.contains(text)) {
            throw invalid(property, text, "not one of " + values);
        }
        return text;
    }

    private static IllegalArgumentException invalid(ElicitationForm.Property property, String text, String why) {
        return property.refused("its default '" + text + "' (@JsonProperty(defaultValue)) is " + why, false);
    }
}
