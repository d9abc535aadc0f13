package dev.mcpspring.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.protocol.internal.ProtocolVersions;
import tools.jackson.databind.JsonNode;

/**
 * A request of a modern (2026-07-28 or later) client, with what its {@code _meta} says about the client: that
 * revision has no session, so every request carries its protocol version, the client's capabilities, and
 * optionally the client's identity and the log level it wants.
 *
 * @param request         the JSON-RPC request
 * @param protocolVersion {@code io.modelcontextprotocol/protocolVersion}, an enabled modern revision
 * @param capabilities    {@code io.modelcontextprotocol/clientCapabilities}
 * @param clientInfo      {@code io.modelcontextprotocol/clientInfo}, or {@code null}
 * @param logLevel        {@code io.modelcontextprotocol/logLevel}, or {@code null}: then no log message is sent
 */
public record ModernRequest(JsonRpcMessage.Request request, String protocolVersion, ClientCapabilities capabilities,
        @Nullable Implementation clientInfo, @Nullable LoggingLevel logLevel) {

    /** The {@code _meta} key of the protocol version of a request. */
    public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

    /** The {@code _meta} key of the client's capabilities. */
    public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

    /** The {@code _meta} key of the client's identity. */
    public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

    /** The {@code _meta} key of the log level a request wants. */
    public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";

    /** The {@code _meta} key of the server's identity on every result. */
    public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    /**
     * The protocol version a request's {@code _meta} names, or {@code null} when it names none; used to tell a
     * modern request from a legacy one.
     */
    public static @Nullable String versionOf(@Nullable JsonNode params) {
        JsonNode version = params == null ? null : params.path("_meta").get(PROTOCOL_VERSION);
        return version != null && version.isString() ? version.asString() : null;
    }

    /**
     * Whether a request comes from a modern (2026-07-28) client by its body alone: a {@code server/discover}, or
     * its {@code _meta} has a protocol version member (which no legacy client sends; one that is no version string
     * is then refused as such). Everything else, {@code initialize} above all, is legacy. (Over HTTP the
     * {@code MCP-Protocol-Version} header may say so too.)
     */
    public static boolean isModern(JsonRpcMessage.Request request) {
        if (McpMethods.SERVER_DISCOVER.equals(request.method())) {
            return true;
        }
        JsonNode version = request.params() == null ? null : request.params().path("_meta").get(PROTOCOL_VERSION);
        return version != null && !version.isNull();
    }

    /**
     * Reads and checks the per-request fields of {@code request}.
     *
     * @throws McpException -32602 when a required field is missing or malformed, -32022 when the version is not
     *                      one of the enabled modern revisions
     */
    public static ModernRequest of(JsonRpcMessage.Request request, ProtocolVersions versions, JsonRpcCodec codec) {
        JsonNode params = request.params();
        JsonNode meta = params == null ? null : params.get("_meta");
        if (meta == null || !meta.isObject()) {
            throw McpException.invalidParams("Invalid params: a " + ProtocolVersion.V2026_07_28 + " request must "
                    + "carry params._meta with \"" + PROTOCOL_VERSION + "\" and \"" + CLIENT_CAPABILITIES + "\"");
        }
        JsonNode version = meta.get(PROTOCOL_VERSION);
        if (version == null || !version.isString() || version.asString().isEmpty()) {
            throw McpException.invalidParams("Invalid params: params._meta[\"" + PROTOCOL_VERSION
                    + "\"] is required and must be a protocol version string such as \"" + ProtocolVersion.V2026_07_28
                    + "\"");
        }
        if (!versions.contains(version.asString()) || !ProtocolVersion.isModern(version.asString())) {
            McpException unsupported = unsupportedVersion(version.asString(), versions);
            if (!versions.contains(version.asString())) {
                throw unsupported;
            }
            // one of this server's versions, but of the session era: say how to use it
            throw new McpException(unsupported.code(), unsupported.getMessage() + "; " + version.asString()
                    + " is spoken in a session that an initialize request starts, not per request",
                    unsupported.data());
        }
        JsonNode capabilities = meta.get(CLIENT_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            throw McpException.invalidParams("Invalid params: params._meta[\"" + CLIENT_CAPABILITIES
                    + "\"] is required and must be an object (empty when the client declares no capability)");
        }
        ClientCapabilities declared;
        try {
            declared = ClientCapabilities.of(capabilities);
        }
        catch (IllegalArgumentException ex) {
            throw McpException.invalidParams("Invalid params: params._meta[\"" + CLIENT_CAPABILITIES + "\"]: "
                    + ex.getMessage());
        }
        return new ModernRequest(request, ProtocolVersion.canonical(version.asString()), declared,
                clientInfo(codec, meta.get(CLIENT_INFO)), logLevel(meta.get(LOG_LEVEL)));
    }

    /** -32022 with the versions this server speaks, so that the client can retry with one of them. */
    public static McpException unsupportedVersion(String requested, ProtocolVersions versions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("supported", versions.newestFirst());
        data.put("requested", requested);
        return new McpException(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version '"
                + requested + "'; this server supports " + String.join(", ", versions.newestFirst()), data);
    }

    /** The method of the request. */
    public String method() {
        return request.method();
    }

    /** The client's identity, read member by member unless it has icons: every request of a client carries it. */
    private static @Nullable Implementation clientInfo(JsonRpcCodec codec, JsonNode info) {
        if (info == null || info.isNull()) {
            return null;
        }
        if (!info.isObject()) {
            throw McpException.invalidParams("Invalid params: params._meta[\"" + CLIENT_INFO + "\"] must be an object");
        }
        if (info.has("icons")) {
            try {
                return codec.bindParams(info, Implementation.class);
            }
            catch (McpException ex) {
                throw McpException.invalidParams("Invalid params: params._meta[\"" + CLIENT_INFO + "\"]: "
                        + ex.getMessage());
            }
        }
        return new Implementation(text(info, "name"), text(info, "title"), text(info, "version"),
                text(info, "description"), null, text(info, "websiteUrl"));
    }

    private static @Nullable String text(JsonNode info, String name) {
        JsonNode value = info.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw McpException.invalidParams("Invalid params: params._meta[\"" + CLIENT_INFO + "\"]." + name
                    + " must be a string");
        }
        return value.asString();
    }

    private static @Nullable LoggingLevel logLevel(JsonNode level) {
        if (level == null || level.isNull()) {
            return null;
        }
        try {
            return LoggingLevel.fromWire(level.asString());
        }
        catch (RuntimeException ex) {
            throw McpException.invalidParams("Invalid params: params._meta[\"" + LOG_LEVEL + "\"] must be one of "
                    + "debug, info, notice, warning, error, critical, alert, emergency");
        }
    }
}
