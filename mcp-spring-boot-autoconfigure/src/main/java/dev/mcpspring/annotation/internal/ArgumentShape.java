package dev.mcpspring.annotation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * What an argument's JSON must be, by its published schema, that Jackson does not check when it binds it: the
 * properties an object's schema requires are there and not {@code null} (Jackson gives a record a {@code null}, or
 * a {@code 0}, for a component the JSON leaves out), the elements of a typed array and the values of a typed map
 * are not {@code null}, and no number is too large to be finite. An object of a polymorphic type is held to the
 * schema its discriminator (a {@code const} property) names. Types, formats and enum values are Jackson's to
 * check as it binds. Compiled once per argument from the tool's input schema.
 */
final class ArgumentShape {

    private static final String[] NONE = {};

    /** A value of any JSON, {@code null} included: only its numbers are checked. */
    static final ArgumentShape ANY = new ArgumentShape();

    /** Whether {@code null} is no value of this schema. */
    private boolean typed;

    private String[] required = NONE;

    private Map<String, ArgumentShape> properties = Map.of();

    /** The schema of a map's values; {@code null} for any value. */
    private @Nullable ArgumentShape values;

    /** The schema of an array's elements; {@code null} for any element. */
    private @Nullable ArgumentShape items;

    /** The name of the property whose {@code const} tells the branches of a polymorphic type apart. */
    private @Nullable String discriminator;

    private Map<String, ArgumentShape> branches = Map.of();

    private ArgumentShape() {
    }

    /**
     * The shape of the schema {@code schema}, whose references point into {@code definitions} (the input schema's
     * {@code $defs}).
     */
    static ArgumentShape of(JsonNode schema, JsonNode definitions) {
        return new Compiler(definitions).compile(schema);
    }

    /**
     * The first thing wrong with {@code node}, as {@code 'path': what}, or {@code null} when nothing is.
     *
     * @param path the name of the argument
     */
    @Nullable String problem(JsonNode node, String path) {
        Problem found = find(node);
        return found == null ? null : "'" + path + found.where() + "'" + found.what();
    }

    /** The first problem inside {@code node}; nothing is allocated while there is none. */
    private @Nullable Problem find(JsonNode node) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            return new Problem("", ": the number is too large (at most " + Double.MAX_VALUE + ")");
        }
        if (node.isArray()) {
            ArgumentShape element = items != null ? items : ANY;
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                Problem found = value.isNull()
                        ? element.typed ? new Problem("", ": an array element must not be null") : null
                        : element.find(value);
                if (found != null) {
                    return found.inside("[" + i + "]");
                }
            }
            return null;
        }
        return node.isObject() ? findInObject(node) : null;
    }

    private @Nullable Problem findInObject(JsonNode node) {
        ArgumentShape shape = this;
        if (discriminator != null) {
            ArgumentShape branch = branches.get(node.path(discriminator).asString(""));
            // an unknown or missing type is Jackson's to report, with the types it knows
            shape = branch != null ? branch : ANY;
        }
        for (String name : shape.required) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return new Problem("." + name, " is required");
            }
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            ArgumentShape declared = shape.properties.get(property.getKey());
            ArgumentShape value = declared != null ? declared : shape.values != null ? shape.values : ANY;
            Problem found = property.getValue().isNull()
                    // an optional property may be null (it is left out); a map's value may not, unless it may be any
                    ? declared == null && value.typed ? new Problem("", ": a value must not be null") : null
                    : value.find(property.getValue());
            if (found != null) {
                return found.inside("." + property.getKey());
            }
        }
        return null;
    }

    /**
     * A problem found inside a value.
     *
     * @param where the path to it from the value, such as {@code .lines[2].sku}
     * @param what  what follows the quoted path in the message
     */
    private record Problem(String where, String what) {

        Problem inside(String segment) {
            return new Problem(segment + where, what);
        }
    }

    /** Compiles schemas, each {@code $defs} entry once, so that recursive types end. */
    private static final class Compiler {

        private static final String DEFINITIONS_PREFIX = "#/" + ToolSchemas.DEFS + "/";

        private final JsonNode definitions;

        private final Map<String, ArgumentShape> referenced = new HashMap<>();

        Compiler(JsonNode definitions) {
            this.definitions = definitions;
        }

        ArgumentShape compile(JsonNode schema) {
            String ref = schema.path("$ref").asString(null);
            if (ref != null && ref.startsWith(DEFINITIONS_PREFIX)) {
                ArgumentShape shape = referenced.get(ref);
                if (shape == null) {
                    shape = new ArgumentShape();
                    referenced.put(ref, shape);
                    fill(shape, definitions.path(ref.substring(DEFINITIONS_PREFIX.length())));
                }
                return shape;
            }
            if (!isTyped(schema)) {
                return ANY;
            }
            ArgumentShape shape = new ArgumentShape();
            fill(shape, schema);
            return shape;
        }

        private void fill(ArgumentShape shape, JsonNode schema) {
            shape.typed = isTyped(schema);
            JsonNode required = schema.path("required");
            if (required.isArray() && !required.isEmpty()) {
                List<String> names = new ArrayList<>(List.of(shape.required));
                required.forEach(name -> names.add(name.asString()));
                shape.required = names.toArray(NONE);
            }
            JsonNode properties = schema.path("properties");
            if (properties.isObject() && !properties.isEmpty()) {
                Map<String, ArgumentShape> compiled = new LinkedHashMap<>(shape.properties);
                properties.properties().forEach(property -> compiled.put(property.getKey(),
                        compile(property.getValue())));
                shape.properties = compiled;
            }
            JsonNode values = schema.path("additionalProperties");
            if (values.isObject()) {
                shape.values = compile(values);
            }
            JsonNode items = schema.path("items");
            if (items.isObject()) {
                shape.items = compile(items);
            }
            for (JsonNode part : schema.path("allOf")) {
                fill(shape, part);
            }
            JsonNode alternatives = schema.has("anyOf") ? schema.path("anyOf") : schema.path("oneOf");
            if (alternatives.isArray()) {
                discriminate(shape, alternatives);
            }
        }

        /** The branches of a polymorphic type, when a {@code const} property common to all tells them apart. */
        private void discriminate(ArgumentShape shape, JsonNode alternatives) {
            String discriminator = null;
            Map<String, ArgumentShape> branches = new HashMap<>();
            for (JsonNode alternative : alternatives) {
                JsonNode branch = alternative.has("$ref")
                        ? definitions.path(alternative.path("$ref").asString("").replace(DEFINITIONS_PREFIX, ""))
                        : alternative;
                String name = constProperty(branch);
                if (name == null || discriminator != null && !discriminator.equals(name)) {
                    return;
                }
                discriminator = name;
                branches.put(branch.path("properties").path(name).path("const").asString(), compile(alternative));
            }
            shape.discriminator = discriminator;
            shape.branches = branches;
        }

        private static @Nullable String constProperty(JsonNode schema) {
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                if (property.getValue().path("const").isString()) {
                    return property.getKey();
                }
            }
            return null;
        }

        /** Whether the schema says anything of a value's type, so that {@code null} is none of its values. */
        private static boolean isTyped(JsonNode schema) {
            JsonNode type = schema.get("type");
            if (type != null) {
                if (type.isArray()) {
                    for (JsonNode each : type) {
                        if ("null".equals(each.asString())) {
                            return false;
                        }
                    }
                }
                return !"null".equals(type.asString(""));
            }
            return schema.has("$ref") || schema.has("enum") || schema.has("const") || schema.has("anyOf")
                    || schema.has("oneOf") || schema.has("allOf") || schema.has("properties");
        }
    }
}
