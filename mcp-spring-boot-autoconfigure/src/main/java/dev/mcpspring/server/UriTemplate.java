package dev.mcpspring.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 6570 URI template used to recognise URIs: {@link #match(String)} tells whether a URI is an expansion of
 * the template and returns the values of its variables, percent-decoded.
 * <p>
 * All operators of levels 1 to 3 are understood: simple {@code {var}}, reserved {@code {+var}}, fragment
 * {@code {#var}}, label {@code {.var}}, path segments {@code {/var}}, path parameters {@code {;var}} and query
 * forms {@code {?var}} / {@code {&var}}, each with one or more comma-separated variables. Level 4 modifiers (a
 * prefix {@code :n} or explode {@code *}) are accepted; an exploded variable's value is returned as expanded.
 */
public final class UriTemplate {

    private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)([^}]+)}");

    private static final Pattern VARIABLE_NAME = Pattern.compile("([A-Za-z0-9_]|%[0-9A-Fa-f]{2})"
            + "([A-Za-z0-9_.]|%[0-9A-Fa-f]{2})*");

    private final String template;

    private final Pattern pattern;

    private final List<Capture> captures;

    private final List<String> variables;

    private UriTemplate(String template, Pattern pattern, List<Capture> captures, List<String> variables) {
        this.template = template;
        this.pattern = pattern;
        this.captures = captures;
        this.variables = variables;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static UriTemplate parse(String template) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("A URI template must not be empty");
        }
        StringBuilder regex = new StringBuilder("^");
        List<Capture> captures = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        Matcher expression = EXPRESSION.matcher(template);
        int literalStart = 0;
        while (expression.find()) {
            appendLiteral(template, literalStart, expression.start(), regex);
            literalStart = expression.end();
            String operator = expression.group(1);
            List<String> names = new ArrayList<>();
            for (String spec : expression.group(2).split(",")) {
                String name = spec.replaceAll("(\\*|:\\d+)$", "");
                if (!VARIABLE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(
                            "Invalid variable '" + spec + "' in URI template '" + template + "'");
                }
                names.add(name);
                variables.add(name);
            }
            appendExpression(operator, names, regex, captures);
        }
        appendLiteral(template, literalStart, template.length(), regex);
        regex.append('$');
        return new UriTemplate(template, Pattern.compile(regex.toString()), captures, List.copyOf(variables));
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    /** The names of its variables, in order. */
    public List<String> variables() {
        return variables;
    }

    /** Whether the template has no variables, so it names exactly one URI. */
    public boolean isLiteral() {
        return variables.isEmpty();
    }

    /**
     * The variables' values when {@code uri} is an expansion of this template; a variable that the URI leaves
     * out (an optional query parameter) is absent from the map.
     */
    public Optional<Map<String, String>> match(String uri) {
        Matcher matcher = pattern.matcher(uri);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < captures.size(); i++) {
            String raw = matcher.group(i + 1);
            if (raw != null) {
                captures.get(i).bind(raw, values);
            }
        }
        return Optional.of(values);
    }

    @Override
    public String toString() {
        return template;
    }

    private static void appendLiteral(String template, int start, int end, StringBuilder regex) {
        if (start < end) {
            String literal = template.substring(start, end);
            if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
                throw new IllegalArgumentException("Unbalanced brace in URI template '" + template + "'");
            }
            regex.append(Pattern.quote(literal));
        }
    }

    private static void appendExpression(String operator, List<String> names, StringBuilder regex,
            List<Capture> captures) {
        switch (operator) {
            case "?", "&" -> {
                // named query parameters in any order: capture the whole query and pick the names out of it
                regex.append("(?:").append(Pattern.quote(operator)).append("([^#]*))?");
                captures.add(new QueryCapture(names));
            }
            case ";" -> {
                for (String name : names) {
                    regex.append("(?:;").append(Pattern.quote(name)).append("(?:=([^;/?#]*))?)?");
                    captures.add(new SingleCapture(name));
                }
            }
            default -> {
                String prefix = switch (operator) {
                    case "#" -> "#";
                    case "." -> "\\.";
                    case "/" -> "/";
                    default -> "";
                };
                String separator = switch (operator) {
                    case "." -> "\\.";
                    case "/" -> "/";
                    default -> ",";
                };
                String value = switch (operator) {
                    case "+", "#" -> "[^,#]*?";
                    case "." -> "[^/?#.,]*";
                    default -> "[^/?#,]*";
                };
                regex.append(prefix);
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        regex.append("(?:").append(separator);
                    }
                    regex.append('(').append(value).append(')');
                    if (i > 0) {
                        regex.append(")?");
                    }
                    captures.add(new SingleCapture(names.get(i)));
                }
            }
        }
    }

    /** Decodes %XX escapes as UTF-8; a '+' stays a '+', as in RFC 3986. */
    static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            }
            else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** How one regex group becomes variable values. */
    private interface Capture {

        void bind(String raw, Map<String, String> values);
    }

    private record SingleCapture(String name) implements Capture {

        @Override
        public void bind(String raw, Map<String, String> values) {
            values.put(name, percentDecode(raw));
        }
    }

    private record QueryCapture(List<String> names) implements Capture {

        @Override
        public void bind(String raw, Map<String, String> values) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals));
                if (names.contains(name)) {
                    values.put(name, equals < 0 ? "" : percentDecode(pair.substring(equals + 1)));
                }
            }
        }
    }
}
