package dev.mcpspring.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * The tool parameters a client mirrors into {@code Mcp-Param-*} HTTP headers (2026-07-28, SEP-2243): every
 * property of the tool's input schema marked with {@code x-mcp-header}, reached from the root through
 * {@code properties} only.
 */
public final class ParamHeaders {

    /** The schema keyword that marks a parameter as mirrored into a header. */
    public static final String KEYWORD = "x-mcp-header";

    private ParamHeaders() {
    }

    /**
     * The header names of {@code inputSchema} (the part after {@code Mcp-Param-}) with the property path of each.
     */
    public static Map<String, List<String>> of(JsonNode inputSchema) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        collect(inputSchema, new ArrayList<>(), headers);
        return headers;
    }

    /** The keywords of JSON Schema whose value is a schema, or an array of them: a mark below one is misplaced. */
    private static final Set<String> SUBSCHEMAS = Set.of("items", "prefixItems", "additionalProperties", "contains",
            "propertyNames", "unevaluatedItems", "unevaluatedProperties", "not", "if", "then", "else", "allOf",
            "anyOf", "oneOf");

    /** The keywords of JSON Schema whose value maps names to schemas (besides {@code properties}). */
    private static final Set<String> SCHEMA_MAPS = Set.of("$defs", "definitions", "patternProperties",
            "dependentSchemas");

    /**
     * Checks the {@code x-mcp-header} marks of a tool's input schema against what SEP-2243 requires of them, since
     * a client drops a tool whose marks break a rule: each is a non-empty HTTP token, unique ignoring case, on a
     * property of type string, integer or boolean that is reached from the root through {@code properties} only.
     *
     * @return what is wrong with the first mark that breaks a rule, or {@code null} when none does
     */
    static @Nullable String problem(JsonNode inputSchema) {
        List<String> problems = new ArrayList<>();
        check(inputSchema, "", true, new HashSet<>(), problems);
        return problems.isEmpty() ? null : problems.get(0);
    }

    private static void check(JsonNode schema, String path, boolean reachable, Set<String> names,
            List<String> problems) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode header = schema.get(KEYWORD);
        if (header != null) {
            String where = path.isEmpty() ? "the schema's root" : path;
            String type = schema.path("type").asString("");
            if (!header.isString() || header.asString().isEmpty()
                    || !header.asString().chars().allMatch(ParamHeaders::isTokenChar)) {
                String value = header.isString() ? "'" + header.asString() + "'" : header.toString();
                problems.add(KEYWORD + " " + value + " at " + where + " is not an HTTP token (letters, digits and "
                        + "!#$%&'*+-.^_`|~)");
            }
            else if (!names.add(header.asString().toLowerCase(Locale.ROOT))) {
                problems.add(KEYWORD + " '" + header.asString() + "' at " + where + " is used by another property "
                        + "(header names are compared ignoring case)");
            }
            else if (!reachable || path.isEmpty()) {
                problems.add(KEYWORD + " '" + header.asString() + "' at " + where + " is not on a property reached "
                        + "from the root through properties only");
            }
            else if (!type.equals("string") && !type.equals("integer") && !type.equals("boolean")) {
                problems.add(KEYWORD + " '" + header.asString() + "' at " + where + " is on a property of type '"
                        + type + "': only string, integer and boolean properties can be mirrored into a header");
            }
        }
        for (Map.Entry<String, JsonNode> member : schema.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (name.equals("properties") || SCHEMA_MAPS.contains(name)) {
                boolean stillReachable = reachable && name.equals("properties");
                for (Map.Entry<String, JsonNode> property : value.properties()) {
                    check(property.getValue(), path + "/" + name + "/" + property.getKey(), stillReachable, names,
                            problems);
                }
            }
            else if (SUBSCHEMAS.contains(name)) {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        check(value.get(i), path + "/" + name + "/" + i, false, names, problems);
                    }
                }
                else {
                    check(value, path + "/" + name, false, names, problems);
                }
            }
        }
    }

    private static boolean isTokenChar(int c) {
        return c < 0x7f && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private static void collect(@Nullable JsonNode schema, List<String> path, Map<String, List<String>> headers) {
        JsonNode properties = schema == null ? null : schema.get("properties");
        if (properties == null || !properties.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            List<String> propertyPath = new ArrayList<>(path);
            propertyPath.add(property.getKey());
            JsonNode header = property.getValue().get(KEYWORD);
            if (header != null && header.isString()) {
                headers.put(header.asString(), List.copyOf(propertyPath));
            }
            collect(property.getValue(), propertyPath, headers);
        }
    }
}
