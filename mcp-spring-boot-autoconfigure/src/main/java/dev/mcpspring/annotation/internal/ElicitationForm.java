package dev.mcpspring.annotation.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Restricts a generated JSON Schema of a record or bean to the flat form that MCP elicitation allows
 * ({@code ElicitRequestFormParams.requestedSchema} of the 2025-11-25 schema): an object whose properties are each a
 * string, number, integer or boolean schema, a single-select enum (untitled {@code enum} or titled {@code oneOf}) or
 * a multi-select enum (an array whose {@code items} are an untitled {@code enum} or a titled {@code anyOf}).
 * <p>
 * Keywords that these schemas do not have are left out ({@code pattern}, {@code uniqueItems}, {@code const}, string
 * formats other than {@code date}, {@code date-time}, {@code email} and {@code uri}); exclusive bounds become
 * inclusive ones, and the bounds of an integer are rounded inwards to integers. A property of any other kind
 * (nested object, map, list of anything but enum values, value of any type) is refused with an
 * {@link IllegalArgumentException} that names it. Properties that Jackson does not read ({@code readOnly}) are not
 * asked for.
 */
final class ElicitationForm {

    private static final String ADVICE = "use strings, numbers, booleans, enums or lists of enums";

    private static final Set<String> FORMATS = Set.of("date", "date-time", "email", "uri");

    private static final String DEFS_PREFIX = "#/" + ToolSchemas.DEFS + "/";

    private final ObjectMapper mapper;

    private final String typeName;

    private final ObjectNode definitions;

    private ElicitationForm(ObjectMapper mapper, String typeName, ObjectNode definitions) {
        this.mapper = mapper;
        this.typeName = typeName;
        this.definitions = definitions;
    }

    /**
     * The form schema of a type.
     *
     * @param mapper      the mapper that creates the nodes
     * @param type        the type asked for, named in messages
     * @param schema      the type's generated schema, possibly a reference into {@code definitions}
     * @param definitions the {@code $defs} that the generated schemas refer to
     * @throws IllegalArgumentException when the form cannot ask for the type or one of its properties
     */
    static ObjectNode restrict(ObjectMapper mapper, Class<?> type, ObjectNode schema, ObjectNode definitions) {
        return new ElicitationForm(mapper, type.getSimpleName(), definitions).restrictRoot(schema);
    }

    /**
     * Refuses, before any schema is generated, the types whose JSON is not an object of fixed properties.
     *
     * @throws IllegalArgumentException when {@code type} is such a type
     */
    static void checkAskable(Class<?> type) {
        if (JsonNode.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("Cannot ask for " + type.getSimpleName() + " in an elicitation form:"
                    + " a JSON tree has no fixed properties; ask for a record or bean");
        }
        if (type.isPrimitive() || type.isArray() || type.isEnum() || Map.class.isAssignableFrom(type)
                || Collection.class.isAssignableFrom(type)) {
            throw notAnObject(type.getSimpleName());
        }
    }

    private static IllegalArgumentException notAnObject(String typeName) {
        return new IllegalArgumentException("Cannot ask for " + typeName + " in an elicitation form: a form asks"
                + " for the properties of a record or bean; " + ADVICE + " as its properties");
    }

    private ObjectNode restrictRoot(ObjectNode schema) {
        ObjectNode root = resolve(schema);
        if (root == null || !"object".equals(root.path("type").asString(null)) || root.has("additionalProperties")) {
            throw notAnObject(typeName);
        }
        ObjectNode form = mapper.createObjectNode();
        form.put("type", "object");
        ObjectNode properties = form.putObject("properties");
        for (Map.Entry<String, JsonNode> entry : root.path("properties").properties()) {
            ObjectNode property = resolve((ObjectNode) entry.getValue());
            if (property != null && property.path("readOnly").asBoolean(false)) {
                // Jackson does not read it: nothing to ask for
                continue;
            }
            properties.set(entry.getKey(), restrictProperty(entry.getKey(), property));
        }
        List<String> required = new ArrayList<>();
        for (JsonNode name : root.path("required")) {
            if (properties.has(name.asString())) {
                required.add(name.asString());
            }
        }
        if (!required.isEmpty()) {
            ArrayNode node = form.putArray("required");
            required.forEach(node::add);
        }
        return form;
    }

    private ObjectNode restrictProperty(String name, ObjectNode schema) {
        Property property = new Property(typeName + "." + name);
        if (schema == null) {
            throw property.refused("its schema refers to a definition that cannot be found", true);
        }
        ObjectNode source = unwrapNullable(schema);
        String type = singleType(property, source);
        if (type != null && source.get("type").isArray()) {
            source = source.deepCopy().put("type", type);
        }
        List<JsonNode> options = options(source);
        if (options != null) {
            return singleSelect(property, source, options);
        }
        if (type == null) {
            boolean alternatives = source.has("anyOf") || source.has("oneOf") || source.has("allOf");
            throw property.refused(alternatives ? "values of alternative types are not allowed"
                    : "values of any JSON type are not allowed", true);
        }
        return switch (type) {
            case "string" -> string(property, source);
            case "integer", "number" -> number(property, source, type);
            case "boolean" -> withDefault(keywords(source, "type", "title", "description"), property, source,
                    FormDefaults.Kind.BOOLEAN, null);
            case "array" -> multiSelect(property, source);
            case "object" -> throw property.refused(source.has("additionalProperties") ? "maps are not allowed"
                    : "nested objects are not allowed", true);
            default -> throw property.refused("values of JSON type '" + type + "' are not allowed", true);
        };
    }

    private ObjectNode string(Property property, ObjectNode source) {
        ObjectNode target = keywords(source, "type", "title", "description", "minLength", "maxLength");
        String format = source.path("format").asString(null);
        if (format != null && FORMATS.contains(format)) {
            target.put("format", format);
        }
        return withDefault(target, property, source, FormDefaults.Kind.STRING, null);
    }

    private ObjectNode number(Property property, ObjectNode source, String type) {
        ObjectNode target = keywords(source, "type", "title", "description");
        boolean integer = "integer".equals(type);
        BigDecimal minimum = tighter(bound(source.get("minimum"), integer, RoundingMode.CEILING, 0),
                bound(source.get("exclusiveMinimum"), integer, RoundingMode.FLOOR, 1), true);
        BigDecimal maximum = tighter(bound(source.get("maximum"), integer, RoundingMode.FLOOR, 0),
                bound(source.get("exclusiveMaximum"), integer, RoundingMode.CEILING, -1), false);
        putNumber(target, "minimum", minimum);
        putNumber(target, "maximum", maximum);
        return withDefault(target, property, source, integer ? FormDefaults.Kind.INTEGER : FormDefaults.Kind.NUMBER,
                null);
    }

    /**
     * A bound as an inclusive one: a number's bound as it is (an exclusive bound then admits the bound itself, the
     * closest the form can say); an integer's rounded to the first integer inside.
     */
    private static @Nullable BigDecimal bound(JsonNode node, boolean integer, RoundingMode rounding, int step) {
        if (node == null || !node.isNumber()) {
            return null;
        }
        BigDecimal value = node.decimalValue();
        return integer ? value.setScale(0, rounding).add(BigDecimal.valueOf(step)) : value;
    }

    private static BigDecimal tighter(BigDecimal first, BigDecimal second, boolean lower) {
        if (first == null || second == null) {
            return first == null ? second : first;
        }
        return lower ? first.max(second) : first.min(second);
    }

    private static void putNumber(ObjectNode target, String keyword, BigDecimal value) {
        if (value == null) {
            return;
        }
        try {
            target.put(keyword, value.longValueExact());
        }
        catch (ArithmeticException notAWholeNumber) {
            target.put(keyword, value);
        }
    }

    private ObjectNode singleSelect(Property property, ObjectNode source, List<JsonNode> options) {
        List<String> values = enumValues(property, source, options);
        ObjectNode target = mapper.createObjectNode().put("type", "string");
        target.setAll(keywords(source, "title", "description"));
        if (source.has("oneOf")) {
            target.set("oneOf", titledOptions(options));
        }
        else {
            ArrayNode array = target.putArray("enum");
            values.forEach(array::add);
        }
        return withDefault(target, property, source, FormDefaults.Kind.SINGLE_SELECT, values);
    }

    private ObjectNode multiSelect(Property property, ObjectNode source) {
        JsonNode itemsNode = source.get("items");
        ObjectNode items = itemsNode instanceof ObjectNode object ? resolve(object) : null;
        items = items == null ? null : unwrapNullable(items);
        List<JsonNode> options = items == null ? null : options(items);
        if (options == null) {
            String itemType = items == null ? null : items.path("type").asString(null);
            throw property.refused("object".equals(itemType) ? "lists of objects are not allowed"
                    : "lists are only allowed of enum values (a multi-select)", true);
        }
        List<String> values = enumValues(property, items, options);
        ObjectNode target = keywords(source, "type", "title", "description", "minItems", "maxItems");
        if (items.has("oneOf")) {
            target.putObject("items").set("anyOf", titledOptions(options));
        }
        else {
            ArrayNode array = target.putObject("items").put("type", "string").putArray("enum");
            values.forEach(array::add);
        }
        return withDefault(target, property, source, FormDefaults.Kind.MULTI_SELECT, values);
    }

    /** The options of an enum: the {@code enum} values or the {@code oneOf} {@code const}/{@code title} pairs. */
    private static @Nullable List<JsonNode> options(ObjectNode schema) {
        JsonNode options = schema.has("enum") ? schema.get("enum") : schema.get("oneOf");
        if (options == null || !options.isArray()) {
            return null;
        }
        List<JsonNode> result = new ArrayList<>();
        options.forEach(result::add);
        return result;
    }

    private static List<String> enumValues(Property property, ObjectNode schema, List<JsonNode> options) {
        List<String> values = new ArrayList<>(options.size());
        for (JsonNode option : options) {
            JsonNode value = schema.has("enum") ? option : option.get("const");
            if (value == null || !value.isString()) {
                throw property.refused("enum values must be strings, and Jackson writes these as "
                        + (value == null ? "something else" : value.getNodeType().name().toLowerCase(Locale.ROOT)
                                + "s"), false);
            }
            values.add(value.asString());
        }
        return values;
    }

    private ArrayNode titledOptions(List<JsonNode> options) {
        ArrayNode array = mapper.createArrayNode();
        for (JsonNode option : options) {
            array.addObject()
                .put("const", option.get("const").asString())
                .put("title", option.path("title").asString());
        }
        return array;
    }

    /** A new schema with those of the keywords that {@code source} has, in the given order. */
    private ObjectNode keywords(ObjectNode source, String... keywords) {
        ObjectNode target = mapper.createObjectNode();
        for (String keyword : keywords) {
            JsonNode value = source.get(keyword);
            if (value != null) {
                target.set(keyword, value);
            }
        }
        return target;
    }

    /** Adds the source's default (a string from {@link FormDefaults}) as a value of the property's kind. */
    private ObjectNode withDefault(ObjectNode target, Property property, ObjectNode source, FormDefaults.Kind kind,
            List<String> values) {
        JsonNode value = source.get("default");
        if (value != null) {
            target.set("default", FormDefaults.read(mapper, property, kind, value, values));
        }
        return target;
    }

    /** A property's single JSON type, with {@code null} left out (a form's field may always be left empty). */
    private static String singleType(Property property, ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type == null || type.isString()) {
            return type == null ? null : type.asString();
        }
        List<String> types = new ArrayList<>();
        for (JsonNode each : type) {
            if (!"null".equals(each.asString())) {
                types.add(each.asString());
            }
        }
        if (types.size() != 1) {
            throw property.refused("values of several JSON types " + types + " are not allowed", true);
        }
        return types.get(0);
    }

    /** {@code {"anyOf": [{"type": "null"}, X]}} and the like: X, with the outer keywords. */
    private ObjectNode unwrapNullable(ObjectNode schema) {
        for (String combinator : new String[] { "anyOf", "oneOf" }) {
            JsonNode branches = schema.get(combinator);
            if (branches == null || !branches.isArray() || branches.size() != 2) {
                continue;
            }
            JsonNode other = null;
            boolean hasNull = false;
            for (JsonNode branch : branches) {
                if (branch.size() == 1 && "null".equals(branch.path("type").asString(null))) {
                    hasNull = true;
                }
                else {
                    other = branch;
                }
            }
            if (hasNull && other instanceof ObjectNode object) {
                ObjectNode resolved = resolve(object);
                if (resolved != null) {
                    ObjectNode result = resolved.deepCopy();
                    schema.properties().forEach(entry -> {
                        if (!entry.getKey().equals(combinator)) {
                            result.set(entry.getKey(), entry.getValue());
                        }
                    });
                    return result;
                }
            }
        }
        return schema;
    }

    /**
     * A schema with a {@code $ref} into the definitions replaced by the definition, the keywords beside the reference
     * winning; {@code null} when the definition is not there.
     */
    private @Nullable ObjectNode resolve(ObjectNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String path = ref.asString("");
        JsonNode definition = path.startsWith(DEFS_PREFIX) ? definitions.get(path.substring(DEFS_PREFIX.length()))
                : null;
        if (!(definition instanceof ObjectNode object)) {
            return null;
        }
        ObjectNode result = resolve(object);
        if (result == null) {
            return null;
        }
        result = result.deepCopy();
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            if (!entry.getKey().equals("$ref")) {
                result.set(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    /** A property being restricted, for messages. */
    record Property(String name) {

        IllegalArgumentException refused(String why, boolean advise) {
            return new IllegalArgumentException("Cannot ask for " + name + " in an elicitation form: " + why
                    + (advise ? "; " + ADVICE : ""));
        }
    }
}
