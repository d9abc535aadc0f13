package dev.mcpspring.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An RFC 6570 URI template used to recognise URIs: {@link #match(String)} tells whether a URI is an expansion of
 * the template and returns the values of its variables, percent-decoded.
 * <p>
 * All operators of levels 1 to 3 are understood: simple {@code {var}}, reserved {@code {+var}}, fragment
 * {@code {#var}}, label {@code {.var}}, path segments {@code {/var}}, path parameters {@code {;var}} and query
 * forms {@code {?var}} / {@code {&var}}, each with one or more comma-separated variables. Level 4 modifiers: a
 * prefix {@code :n} matches at most {@code n} characters; an exploded variable {@code *} matches its expansion,
 * separators included ({@code {/parts*}} matches {@code /a/b/c}), and its value is that expansion without the
 * leading operator ({@code a/b/c}). The one variable of a reserved expression {@code {+path}} may contain commas.
 */
public final class UriTemplate {

    private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)([^}]+)}");

    private static final Pattern VARIABLE_NAME = Pattern.compile("([A-Za-z0-9_]|%[0-9A-Fa-f]{2})"
            + "([A-Za-z0-9_.]|%[0-9A-Fa-f]{2})*");

    private final String template;

    private final Pattern pattern;

    private final List<Capture> captures;

    private final List<String> variables;

    /** How many characters of the template are literal: the more, the more specific the template. */
    private final int literalLength;

    /** The template with its variables' names left out: two templates of one shape match the same URIs. */
    private final String shape;

    private UriTemplate(String template, Pattern pattern, List<Capture> captures, List<String> variables,
            int literalLength, String shape) {
        this.template = template;
        this.pattern = pattern;
        this.captures = captures;
        this.variables = variables;
        this.literalLength = literalLength;
        this.shape = shape;
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
        StringBuilder shape = new StringBuilder();
        List<Capture> captures = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        Matcher expression = EXPRESSION.matcher(template);
        int literalStart = 0;
        int literalLength = 0;
        while (expression.find()) {
            appendLiteral(template, literalStart, expression.start(), regex);
            literalLength += expression.start() - literalStart;
            shape.append(template, literalStart, expression.start());
            literalStart = expression.end();
            String operator = expression.group(1);
            List<Variable> specs = new ArrayList<>();
            shape.append('{').append(operator);
            for (String spec : expression.group(2).split(",")) {
                Variable variable = Variable.parse(spec);
                if (!VARIABLE_NAME.matcher(variable.name()).matches()) {
                    throw new IllegalArgumentException(
                            "Invalid variable '" + spec + "' in URI template '" + template + "'");
                }
                if (variables.contains(variable.name())) {
                    throw new IllegalArgumentException("The variable '" + variable.name() + "' appears twice in URI"
                            + " template '" + template + "'");
                }
                specs.add(variable);
                variables.add(variable.name());
                shape.append(spec.substring(variable.name().length())).append(',');
            }
            shape.append('}');
            appendExpression(operator, specs, regex, captures);
        }
        appendLiteral(template, literalStart, template.length(), regex);
        literalLength += template.length() - literalStart;
        shape.append(template, literalStart, template.length());
        regex.append('$');
        return new UriTemplate(template, Pattern.compile(regex.toString()), captures, List.copyOf(variables),
                literalLength, shape.toString());
    }

    /**
     * Whether this template is more specific than {@code other}, so that a URI both match is this one's: it has
     * more literal characters ({@code docs://{id}/meta} before {@code docs://{+path}}).
     */
    public boolean isMoreSpecificThan(UriTemplate other) {
        return literalLength > other.literalLength;
    }

    /** Whether both templates match the same URIs, as {@code x://{a}} and {@code x://{b}} do. */
    public boolean matchesTheSameAs(UriTemplate other) {
        return shape.equals(other.shape);
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
     * out (an optional query parameter) is absent from the map. A value that is no valid percent-encoding (a '%'
     * without two hexadecimal digits, escapes that are not UTF-8) is no expansion: no client could have sent it.
     */
    public Optional<Map<String, String>> match(String uri) {
        Matcher matcher = pattern.matcher(uri);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < captures.size(); i++) {
            String raw = matcher.group(i + 1);
            if (raw != null && !captures.get(i).bind(raw, values)) {
                return Optional.empty(); // a value no client could have expanded: it names nothing
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

    private static void appendExpression(String operator, List<Variable> variables, StringBuilder regex,
            List<Capture> captures) {
        switch (operator) {
            case "?", "&" -> {
                // named query parameters in any order: capture the whole query and pick the names out of it
                regex.append("(?:").append(Pattern.quote(operator)).append("([^#]*))?");
                captures.add(new QueryCapture(variables.stream().map(Variable::name).toList()));
            }
            case ";" -> {
                for (Variable variable : variables) {
                    regex.append("(?:;").append(Pattern.quote(variable.name())).append("(?:=([^;/?#]*))?)?");
                    captures.add(new SingleCapture(variable.name()));
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
                // the characters of one value: a separator ends it, unless it is the one value there is
                String excluded = switch (operator) {
                    case "+" -> variables.size() == 1 ? "#" : ",#";
                    case "#" -> variables.size() == 1 ? "" : ",";
                    case "." -> "/?#.,";
                    default -> "/?#,";
                };
                // an operator with a prefix expands to nothing when its variables are undefined
                boolean optional = !prefix.isEmpty();
                regex.append(optional ? "(?:" : "").append(prefix);
                for (int i = 0; i < variables.size(); i++) {
                    Variable variable = variables.get(i);
                    if (i > 0) {
                        regex.append("(?:").append(separator);
                    }
                    regex.append('(')
                        .append(variable.valuePattern(excluded, separator.charAt(separator.length() - 1),
                                operator.equals("+") || operator.equals("#")))
                        .append(')');
                    if (i > 0) {
                        regex.append(")?");
                    }
                    captures.add(new SingleCapture(variable.name()));
                }
                regex.append(optional ? ")?" : "");
            }
        }
    }

    /**
     * A variable of an expression with its level 4 modifiers.
     *
     * @param name    its name
     * @param explode whether it is exploded ({@code *})
     * @param prefix  the most characters it expands to ({@code :n}), or 0
     */
    private record Variable(String name, boolean explode, int prefix) {

        static Variable parse(String spec) {
            if (spec.endsWith("*")) {
                return new Variable(spec.substring(0, spec.length() - 1), true, 0);
            }
            int colon = spec.lastIndexOf(':');
            String digits = colon > 0 ? spec.substring(colon + 1) : "";
            if (!digits.isEmpty() && digits.length() <= 4 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return new Variable(spec.substring(0, colon), false, Integer.parseInt(spec.substring(colon + 1)));
            }
            return new Variable(spec, false, 0);
        }

        /**
         * The regex of its value.
         *
         * @param excluded  the characters a value of its expression cannot contain (none is special in a class)
         * @param separator the character between the members of an exploded list
         * @param lazy      whether to match as little as possible (reserved expansions, which may contain more)
         */
        String valuePattern(String excluded, char separator, boolean lazy) {
            String characters = explode ? excluded.replace(String.valueOf(separator), "") : excluded;
            String one = characters.isEmpty() ? "." : "[^" + characters + "]";
            if (prefix > 0) {
                // a prefix counts characters, a percent-encoded one as one
                return "(?:%[0-9A-Fa-f]{2}|(?!%)" + one + "){0," + prefix + "}";
            }
            return one + (lazy && !explode ? "*?" : "*");
        }
    }

    /**
     * Decodes %XX escapes as UTF-8; a '+' stays a '+', as in RFC 3986. {@code null} when the value is no
     * percent-encoding: a '%' without two hexadecimal digits, or escapes that are not UTF-8.
     */
    static @Nullable String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || !isHex(value.charAt(i + 1)) || !isHex(value.charAt(i + 2))) {
                    return null;
                }
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            }
            else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray()))
                .toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** How one regex group becomes variable values. */
    private interface Capture {

        /** Puts the values into {@code values}; {@code false} when one is no valid percent-encoding. */
        boolean bind(String raw, Map<String, String> values);
    }

    private record SingleCapture(String name) implements Capture {

        @Override
        public boolean bind(String raw, Map<String, String> values) {
            String value = percentDecode(raw);
            if (value == null) {
                return false;
            }
            values.put(name, value);
            return true;
        }
    }

    private record QueryCapture(List<String> names) implements Capture {

        @Override
        public boolean bind(String raw, Map<String, String> values) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals));
                if (name != null && names.contains(name)) {
                    String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1));
                    if (value == null) {
                        return false;
                    }
                    values.put(name, value);
                }
            }
            return true;
        }
    }
}
