package dev.mcpspring.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Builds the value of a {@code WWW-Authenticate: Bearer ...} header (RFC 6750 section 3, RFC 9728 section 5.1). */
final class BearerChallenge {

    static final String HEADER = "WWW-Authenticate";

    private final Map<String, String> parameters = new LinkedHashMap<>();

    BearerChallenge parameter(String name, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            parameters.put(name, value);
        }
        return this;
    }

    /** The {@code scope} parameter: the scopes separated by spaces; omitted when there are none. */
    BearerChallenge scope(@Nullable Collection<String> scopes) {
        return scopes == null || scopes.isEmpty() ? this : parameter("scope", String.join(" ", scopes));
    }

    @Override
    public String toString() {
        StringBuilder value = new StringBuilder("Bearer");
        String separator = " ";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            value.append(separator).append(parameter.getKey()).append("=\"").append(quote(parameter.getValue()))
                .append('"');
            separator = ", ";
        }
        return value.toString();
    }

    /** The content of a quoted-string (RFC 9110 section 5.6.4): {@code "} and {@code \} escaped, no controls. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            }
            else if (c >= 0x20 && c != 0x7F) {
                quoted.append(c);
            }
            else {
                quoted.append(' ');
            }
        }
        return quoted.toString();
    }
}
