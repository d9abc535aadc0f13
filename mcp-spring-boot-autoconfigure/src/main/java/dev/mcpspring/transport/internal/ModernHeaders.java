package dev.mcpspring.transport.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.internal.ModernRequest;
import dev.mcpspring.transport.StreamableHttpServlet;
import tools.jackson.databind.JsonNode;

/**
 * Checks the headers a modern (2026-07-28) client mirrors from its request body, so that a proxy routing on the
 * headers and this server acting on the body see the same request: {@code MCP-Protocol-Version},
 * {@code Mcp-Method}, {@code Mcp-Name} and the {@code Mcp-Param-*} headers of the tool's marked parameters. Every
 * failure is a {@code HeaderMismatch} error (-32020) saying which header and why.
 */
final class ModernHeaders {

    static final String METHOD_HEADER = "Mcp-Method";

    static final String NAME_HEADER = "Mcp-Name";

    static final String PARAM_HEADER_PREFIX = "Mcp-Param-";

    private static final String BASE64_PREFIX = "=?base64?";

    private static final String BASE64_SUFFIX = "?=";

    private static final Pattern PADDED_BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    private ModernHeaders() {
    }

    /**
     * @param versionHeader the {@code MCP-Protocol-Version} header, {@code null} when absent
     * @param paramHeaders  the {@code Mcp-Param-*} names of the called tool with the property path of each
     * @throws McpException -32020 when a header is missing, malformed or differs from the body
     */
    static void check(HttpServletRequest http, @Nullable String versionHeader, ModernRequest request,
            Map<String, List<String>> paramHeaders) {
        if (versionHeader == null) {
            throw mismatch("the " + StreamableHttpServlet.VERSION_HEADER + " header is required");
        }
        single(http, StreamableHttpServlet.VERSION_HEADER);
        String method = single(http, METHOD_HEADER);
        if (method == null) {
            throw mismatch("the " + METHOD_HEADER + " header is required");
        }
        if (!method.equals(request.method())) {
            throw mismatch(METHOD_HEADER + " header value " + quoted(method) + " does not match body value "
                    + quoted(request.method()));
        }
        JsonNode params = request.request().params();
        String nameMember = switch (request.method()) {
            case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET -> "name";
            case McpMethods.RESOURCES_READ -> "uri";
            case McpMethods.TASKS_GET, McpMethods.TASKS_UPDATE, McpMethods.TASKS_CANCEL -> "taskId";
            default -> null;
        };
        if (nameMember != null) {
            JsonNode body = params == null ? null : params.get(nameMember);
            String header = decoded(single(http, NAME_HEADER), NAME_HEADER);
            if (header == null) {
                throw mismatch("the " + NAME_HEADER + " header is required for " + request.method());
            }
            if (body == null || !body.isString() || !header.equals(body.asString())) {
                throw mismatch(NAME_HEADER + " header value " + quoted(header) + " does not match body value "
                        + describe(body) + " (params." + nameMember + ")");
            }
        }
        if (McpMethods.TOOLS_CALL.equals(request.method())) {
            JsonNode arguments = params == null ? null : params.get("arguments");
            paramHeaders.forEach((name, path) -> checkParam(http, name, path, arguments));
        }
    }

    /**
     * Checks that the {@code MCP-Protocol-Version} header, when present, names the version of the body's
     * {@code _meta}, when that names one: the first check, before the version itself is judged.
     *
     * @throws McpException -32020 when they differ
     */
    static void checkVersion(@Nullable String versionHeader, @Nullable String bodyVersion) {
        if (versionHeader != null && bodyVersion != null && !versionHeader.equals(bodyVersion)) {
            throw mismatch(StreamableHttpServlet.VERSION_HEADER + " header value '" + versionHeader
                    + "' does not match body value '" + bodyVersion + "' (params._meta[\""
                    + ModernRequest.PROTOCOL_VERSION + "\"])");
        }
    }

    private static void checkParam(HttpServletRequest http, String name, List<String> path, JsonNode arguments) {
        String headerName = PARAM_HEADER_PREFIX + name;
        String header = decoded(single(http, headerName), headerName);
        JsonNode value = arguments;
        for (String step : path) {
            value = value == null || !value.isObject() ? null : value.get(step);
        }
        String argument = "arguments." + String.join(".", path);
        if (value == null || value.isNull()) {
            if (header != null) {
                throw mismatch(headerName + " header is present but " + argument + " is not in the body");
            }
            return;
        }
        if (header == null) {
            throw mismatch("the " + headerName + " header is required: the body has " + argument);
        }
        if (!matches(header, value)) {
            throw mismatch(headerName + " header value " + quoted(header) + " does not match body value "
                    + (value.isString() ? quoted(value.asString()) : abbreviated(value.toString())) + " (" + argument
                    + ")");
        }
    }

    /**
     * The value of a header that mirrors the body, {@code null} when absent. One that appears more than once is
     * refused: a proxy could route on another of its values than the one checked here.
     */
    private static @Nullable String single(HttpServletRequest http, String name) {
        Enumeration<String> values = http.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            throw mismatch("the " + name + " header appears more than once");
        }
        return value;
    }

    /** A body value as a mismatch names it: a string quoted, anything else by its JSON type (never its text). */
    private static String describe(@Nullable JsonNode body) {
        if (body == null) {
            return "(absent)";
        }
        return body.isString() ? quoted(body.asString())
                : "(a JSON " + body.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a string)";
    }

    /** Whether the header carries the body's value: strings as they are, integers as numbers, booleans in words. */
    private static boolean matches(String header, JsonNode value) {
        if (value.isString()) {
            return header.equals(value.asString());
        }
        if (value.isBoolean()) {
            return header.equals(value.asBoolean() ? "true" : "false");
        }
        if (value.isNumber()) {
            try {
                return new BigDecimal(header.trim()).compareTo(value.decimalValue()) == 0;
            }
            catch (NumberFormatException ex) {
                return false;
            }
        }
        return false;
    }

    /**
     * The header's value, decoded when it uses the Base64 sentinel form {@code =?base64?...?=}; {@code null} when
     * absent. A value with characters a header may not carry is refused.
     */
    private static @Nullable String decoded(String value, String headerName) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                throw mismatch(headerName + " header value contains characters a header may not carry; encode it as "
                        + BASE64_PREFIX + "<base64 of UTF-8>" + BASE64_SUFFIX);
            }
        }
        if (value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX)
                && value.length() >= BASE64_PREFIX.length() + BASE64_SUFFIX.length()) {
            String encoded = value.substring(BASE64_PREFIX.length(), value.length() - BASE64_SUFFIX.length());
            // padded standard Base64 only: the JDK decoder would also take it without its padding
            if (encoded.length() % 4 != 0 || !PADDED_BASE64.matcher(encoded).matches()) {
                throw mismatch(headerName + " header value is not valid padded Base64 between " + BASE64_PREFIX
                        + " and " + BASE64_SUFFIX);
            }
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        return value;
    }

    /** A value in single quotes, its first 100 characters when longer: an error should not echo a whole body. */
    private static String quoted(String value) {
        return "'" + abbreviated(value) + "'";
    }

    private static String abbreviated(String value) {
        if (value.length() <= 100) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(99)) ? 99 : 100; // never half a character
        return value.substring(0, end) + "... (" + value.length() + " characters)";
    }

    private static McpException mismatch(String why) {
        return new McpException(ErrorCodes.HEADER_MISMATCH, "Header mismatch: " + why);
    }
}
