package dev.mcpspring.server.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Checks the answers of an accepted form-mode elicitation against the form's {@code requestedSchema}, as the
 * elicitation spec asks a server to ("Servers SHOULD validate received data matches the requested schema"): every
 * required field answered, each answer of its field's type ({@code string}, {@code number}, {@code integer},
 * {@code boolean}, or a list of options), within its {@code minimum} and {@code maximum}, its
 * {@code minLength} and {@code maxLength} (in code points, as JSON Schema counts), its {@code minItems} and
 * {@code maxItems}, and one of its options ({@code enum}, or the {@code const} of each {@code oneOf} /
 * {@code anyOf} entry). String formats are not checked. Answers to fields the form does not have are left alone, as
 * are fields whose schema is not one of the spec's primitive kinds.
 */
final class FormAnswers {

    private static final int OPTIONS_NAMED = 10;

    private FormAnswers() {
    }

    /** What is wrong with {@code content}, one phrase per field joined by "; ", or {@code null} when nothing. */
    static @Nullable String problems(JsonNode requestedSchema, @Nullable Map<String, Object> content) {
        Map<String, Object> answers = content == null ? Map.of() : content;
        List<String> problems = new ArrayList<>();
        JsonNode required = requestedSchema.path("required");
        for (Map.Entry<String, JsonNode> field : requestedSchema.path("properties").properties()) {
            String name = field.getKey();
            Object answer = answers.get(name);
            if (answer == null) {
                if (contains(required, name)) {
                    problems.add("'" + name + "' is required");
                }
                continue;
            }
            String problem = problem(field.getValue(), answer);
            if (problem != null) {
                problems.add("'" + name + "' " + problem);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static @Nullable String problem(JsonNode field, Object answer) {
        return switch (field.path("type").asString("")) {
            case "string" -> answer instanceof String text ? stringProblem(field, text) : "must be a string";
            case "number" -> answer instanceof Number number ? boundsProblem(field, decimal(number))
                    : "must be a number";
            case "integer" -> answer instanceof Number number && isWhole(decimal(number))
                    ? boundsProblem(field, decimal(number)) : "must be a whole number";
            case "boolean" -> answer instanceof Boolean ? null : "must be true or false";
            case "array" -> answer instanceof List<?> chosen ? choicesProblem(field, chosen)
                    : "must be a list of options";
            default -> null;
        };
    }

    private static @Nullable String stringProblem(JsonNode field, String text) {
        List<String> options = options(field);
        if (!options.isEmpty()) {
            return options.contains(text) ? null : "must be one of " + named(options);
        }
        int length = text.codePointCount(0, text.length());
        if (field.has("minLength") && length < field.get("minLength").asInt()) {
            return "must be at least " + field.get("minLength").asInt() + " characters long";
        }
        if (field.has("maxLength") && length > field.get("maxLength").asInt()) {
            return "must be at most " + field.get("maxLength").asInt() + " characters long";
        }
        return null;
    }

    private static @Nullable String boundsProblem(JsonNode field, BigDecimal value) {
        if (field.path("minimum").isNumber() && value.compareTo(field.get("minimum").decimalValue()) < 0) {
            return "must be at least " + field.get("minimum").asString();
        }
        if (field.path("maximum").isNumber() && value.compareTo(field.get("maximum").decimalValue()) > 0) {
            return "must be at most " + field.get("maximum").asString();
        }
        return null;
    }

    private static @Nullable String choicesProblem(JsonNode field, List<?> chosen) {
        List<String> options = options(field.path("items"));
        for (Object choice : chosen) {
            if (!(choice instanceof String option) || (!options.isEmpty() && !options.contains(option))) {
                return options.isEmpty() ? "must be a list of strings" : "may only hold " + named(options);
            }
        }
        if (field.has("minItems") && chosen.size() < field.get("minItems").asInt()) {
            return "must hold at least " + field.get("minItems").asInt() + " options";
        }
        if (field.has("maxItems") && chosen.size() > field.get("maxItems").asInt()) {
            return "must hold at most " + field.get("maxItems").asInt() + " options";
        }
        return null;
    }

    /** The values a single select ({@code enum} or titled {@code oneOf}) or a multi select's items allow. */
    private static List<String> options(JsonNode schema) {
        List<String> options = new ArrayList<>();
        schema.path("enum").values().forEach(value -> options.add(value.asString()));
        for (String titled : new String[] { "oneOf", "anyOf" }) {
            schema.path(titled).values().forEach(option -> {
                if (option.has("const")) {
                    options.add(option.get("const").asString());
                }
            });
        }
        return options;
    }

    private static String named(List<String> options) {
        List<String> quoted = new ArrayList<>();
        for (String option : options.subList(0, Math.min(options.size(), OPTIONS_NAMED))) {
            quoted.add("'" + option + "'");
        }
        return String.join(", ", quoted) + (options.size() > OPTIONS_NAMED ? ", ..." : "");
    }

    private static boolean contains(JsonNode names, String name) {
        for (JsonNode required : names.values()) {
            if (name.equals(required.asString())) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
