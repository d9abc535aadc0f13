package dev.mcpspring.protocol;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.internal.JsonBindingMessages;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.util.RawValue;

/**
 * Reads and writes JSON-RPC messages. A body is parsed once into a tree and then classified; params and results
 * are bound to records only by the handler that needs them.
 */
public final class JsonRpcCodec {

    private final ObjectMapper mapper;

    public JsonRpcCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper used for protocol types. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Parses a body that must be UTF-8 into a JSON tree: invalid UTF-8 is a parse error (Jackson alone would let
     * overlong forms, encoded surrogates and UTF-16 bodies through).
     *
     * @throws InvalidMessageException with {@link ErrorCodes#PARSE_ERROR} when it is not UTF-8 JSON, with
     *                                 {@link ErrorCodes#INVALID_REQUEST} when it exceeds a read constraint
     */
    public JsonNode readTree(byte[] body) {
        int invalid = Utf8.firstInvalid(body);
        if (invalid >= 0) {
            throw new InvalidMessageException(ErrorCodes.PARSE_ERROR,
                    "Parse error: the body is not valid UTF-8 (invalid byte sequence at offset " + invalid + ")",
                    null);
        }
        return parsed(() -> mapper.readTree(body)); // from the array: no stream, no copy into a read buffer
    }

    /**
     * Parses a body into a JSON tree.
     *
     * @throws InvalidMessageException with {@link ErrorCodes#PARSE_ERROR} when it is not JSON
     */
    public JsonNode readTree(InputStream body) {
        return parsed(() -> mapper.readTree(body));
    }

    private JsonNode parsed(Supplier<JsonNode> parse) {
        try {
            JsonNode node = parse.get();
            if (node == null || node.isMissingNode()) {
                throw new InvalidMessageException(ErrorCodes.PARSE_ERROR, "Parse error: the body is empty", null);
            }
            return node;
        }
        catch (StreamConstraintsException ex) {
            throw new InvalidMessageException(ErrorCodes.INVALID_REQUEST, "Invalid Request: " + describe(ex), null);
        }
        catch (StreamReadException ex) {
            throw new InvalidMessageException(ErrorCodes.PARSE_ERROR,
                    "Parse error: the message is not valid JSON (" + summary(ex) + ")", null);
        }
        catch (JacksonException ex) {
            boolean trailing = String.valueOf(ex.getOriginalMessage()).startsWith("Trailing token");
            throw new InvalidMessageException(ErrorCodes.PARSE_ERROR, "Parse error: the message is not valid JSON"
                    + (trailing ? " (more follows the first JSON value)" : ""), null);
        }
    }

    /**
     * Reads one message or a batch: the returned list has one element for a single message.
     *
     * @throws InvalidMessageException for an empty batch or a member that is not a JSON-RPC message
     */
    public List<JsonRpcMessage> readMessages(JsonNode tree) {
        if (!tree.isArray()) {
            return List.of(toMessage(tree));
        }
        if (tree.isEmpty()) {
            throw new InvalidMessageException(ErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch", null);
        }
        List<JsonRpcMessage> messages = new ArrayList<>(tree.size());
        for (JsonNode member : tree) {
            messages.add(toMessage(member));
        }
        return messages;
    }

    /**
     * Reads one message or a batch member by member: as JSON-RPC 2.0 says, a batch member that is not a JSON-RPC
     * message gets an error response of its own, and the others are handled. A message that answers one of the
     * server's requests (a valid id, no method) but is no valid response is refused too, and also read as an error
     * response to that request, so that the call waiting for the answer fails at once instead of timing out.
     *
     * @throws InvalidMessageException for a single message that is not a JSON-RPC message, an empty batch, or a
     *                                 batch of which no member is a message (the first member's error)
     */
    public Batch read(JsonNode tree) {
        if (!isBatch(tree)) {
            try {
                return new Batch(List.of(toMessage(tree)), List.of());
            }
            catch (InvalidAnswerException ex) {
                return new Batch(List.of(ex.failure()), List.of(new JsonRpcMessage.ErrorResponse(ex.id(),
                        ex.toError())));
            }
        }
        List<JsonRpcMessage> messages = new ArrayList<>(tree.size());
        List<JsonRpcMessage.ErrorResponse> refused = new ArrayList<>();
        InvalidMessageException first = null;
        for (JsonNode member : tree) {
            try {
                messages.add(toMessage(member));
            }
            catch (InvalidMessageException ex) {
                first = first != null ? first : ex;
                refused.add(new JsonRpcMessage.ErrorResponse(ex.id(), ex.toError()));
                if (ex instanceof InvalidAnswerException answer) {
                    messages.add(answer.failure());
                }
            }
        }
        if (messages.isEmpty()) {
            throw first != null ? first
                    : new InvalidMessageException(ErrorCodes.INVALID_REQUEST, "Invalid Request: empty batch", null);
        }
        return new Batch(List.copyOf(messages), List.copyOf(refused));
    }

    /**
     * The messages of a body: one, or the members of a JSON-RPC batch.
     *
     * @param messages the messages to handle, in order: those that are JSON-RPC messages, and for an invalid answer
     *                 to one of the server's requests, an error response to that request saying what was wrong
     * @param refused  an error response for the client for each member that is not a valid message
     */
    public record Batch(List<JsonRpcMessage> messages, List<JsonRpcMessage.ErrorResponse> refused) {
    }

    /**
     * Classifies one JSON value as request, notification or response.
     *
     * @throws InvalidMessageException with {@link ErrorCodes#INVALID_REQUEST} and what is wrong
     */
    public JsonRpcMessage toMessage(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("a JSON-RPC message must be a JSON object", null);
        }
        JsonNode id = node.get("id");
        JsonNode validId = isValidId(id) ? id : null;
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isString() || !JsonRpcMessage.VERSION.equals(version.asString())) {
            throw invalid("\"jsonrpc\" must be \"2.0\"", validId);
        }
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isString() || method.asString().isEmpty()) {
                throw invalid("\"method\" must be a non-empty string", validId);
            }
            JsonNode params = node.get("params");
            if (params != null && !params.isObject()) {
                throw invalid("\"params\" must be an object", validId);
            }
            if (id == null) {
                return new JsonRpcMessage.Notification(method.asString(), params);
            }
            if (validId == null) {
                throw invalid("\"id\" must be a string or an integer", null);
            }
            return new JsonRpcMessage.Request(id, method.asString(), params);
        }
        boolean hasResult = node.has("result");
        JsonNode error = node.get("error");
        if (hasResult == (error != null)) {
            throw invalidResponse("a message needs \"method\", or exactly one of \"result\" and \"error\"",
                    validId);
        }
        if (hasResult) {
            if (validId == null) {
                throw invalid("a response needs a string or integer \"id\"", null);
            }
            return new JsonRpcMessage.Response(id, node.get("result"));
        }
        if (!error.isObject() || !error.path("code").isIntegralNumber() || !error.path("code").canConvertToInt()
                || !error.path("message").isString()) {
            throw invalidResponse("\"error\" must be an object with an integer \"code\" and a string \"message\"",
                    validId);
        }
        JsonRpcError rpcError = new JsonRpcError(error.get("code").asInt(), error.get("message").asString(),
                error.get("data"));
        return new JsonRpcMessage.ErrorResponse(validId == null ? NullNode.getInstance() : id, rpcError);
    }

    /** Binds params (which may be absent) to a record; a mismatch is an invalid-params error. */
    public <T> T bindParams(@Nullable JsonNode params, Class<T> type) {
        try {
            return mapper.treeToValue(params == null ? mapper.createObjectNode() : params, type);
        }
        catch (JacksonException ex) {
            throw McpException.invalidParams("Invalid params: " + JsonBindingMessages.describe("params", ex, mapper));
        }
    }

    /**
     * Jackson's description of a syntax error and where it is, without its source, its type names or the parser
     * features that would allow the input (which a client cannot switch on).
     */
    private static String summary(StreamReadException ex) {
        String message = String.valueOf(ex.getOriginalMessage());
        for (String cut : new String[] { " (start marker at", "[Source:", "\n at [", ": enable `",
                " (not recognized as one since" }) {
            int at = message.indexOf(cut);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        message = message.strip();
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        TokenStreamLocation location = ex.getLocation();
        return location == null || location.getLineNr() < 1 ? message
                : message + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** What limit a body broke, in words and with the property that sets it (never Jackson's own message). */
    private String describe(StreamConstraintsException ex) {
        StreamReadConstraints limits = mapper.tokenStreamFactory().streamReadConstraints();
        String message = String.valueOf(ex.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("nesting depth")) {
            return "the JSON nests arrays and objects deeper than the limit of " + limits.getMaxNestingDepth()
                    + " levels (mcp.server.transport.json.max-nesting-depth)";
        }
        if (message.contains("number value length")) {
            return "a JSON number is longer than the limit of " + limits.getMaxNumberLength()
                    + " characters (mcp.server.transport.json.max-number-length)";
        }
        if (message.contains("string value length")) {
            return "a JSON string is longer than the limit of " + limits.getMaxStringLength()
                    + " characters (mcp.server.transport.json.max-string-length)";
        }
        if (message.contains("name length")) {
            return "a JSON property name is longer than the limit of " + limits.getMaxNameLength()
                    + " characters (mcp.server.transport.json.max-name-length)";
        }
        if (message.contains("document length")) {
            return "the JSON document is longer than the limit of " + limits.getMaxDocumentLength()
                    + " bytes (mcp.server.transport.json.max-document-length)";
        }
        return "the JSON exceeds a size limit of this server";
    }

    /** Converts a result record to a JSON tree. */
    public JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    /**
     * A result written out now, as a node that writes that JSON as it is. A handler's result is fixed (and a
     * failure to write it is the handler's) when the handler returns, without the tree a conversion builds: Jackson
     * makes one by writing the value to a token buffer and reading that back, and the tree is then written again.
     * It is kept as UTF-8, which the message around it is written in, so that it is copied rather than encoded.
     */
    public JsonNode serialized(Object value) {
        return rawNode(mapper.writeValueAsBytes(value));
    }

    /**
     * The same, written through the generator {@code decorator} makes of the mapper's, as for a result that gains
     * members on the way. The decorator must pass {@code writePOJO} through itself (a {@code JsonGeneratorDelegate}
     * made with {@code delegateCopyMethods} off), so that it sees every value it wraps.
     */
    public JsonNode serialized(Object value, UnaryOperator<JsonGenerator> decorator) {
        ByteArrayBuilder json = new ByteArrayBuilder(256);
        try (JsonGenerator generator = decorator.apply(mapper.createGenerator(json))) {
            generator.writePOJO(value); // with the generator's own serialization context: no second one
        }
        return rawNode(json.toByteArray());
    }

    /**
     * A value written out now as a JSON object that goes on with {@code members}: UTF-8 JSON of one or more
     * members, without braces, added after the value's own. This is how a result gains members its serializer
     * knows nothing of in one ordinary serialization and a copy; a decorating generator (see
     * {@link #serialized(Object, UnaryOperator)}) costs a generator of its own and a call through it for every
     * token, and is for a result whose own members must change.
     *
     * @throws IllegalArgumentException when {@code value} is not written as a JSON object
     */
    public JsonNode serializedWith(Object value, byte[] members) {
        byte[] object = mapper.writeValueAsBytes(value);
        int last = object.length - 1;
        if (last < 1 || object[0] != '{' || object[last] != '}') {
            throw new IllegalArgumentException(value.getClass().getName() + " is not written as a JSON object");
        }
        int before = last - 1;
        while (before > 0 && isWhiteSpace(object[before])) { // a mapper that indents writes "{ }" for an empty one
            before--;
        }
        boolean empty = before == 0;
        byte[] json = new byte[object.length + members.length + (empty ? 0 : 1)];
        System.arraycopy(object, 0, json, 0, last);
        int at = last;
        if (!empty) {
            json[at++] = ',';
        }
        System.arraycopy(members, 0, json, at, members.length);
        json[json.length - 1] = '}';
        return rawNode(json);
    }

    private static boolean isWhiteSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private JsonNode rawNode(byte[] utf8) {
        return mapper.getNodeFactory().rawValueNode(new RawValue(new Utf8Json(utf8)));
    }

    /** Serialises a message or batch to UTF-8 JSON. */
    public byte[] write(Object message) {
        return mapper.writeValueAsBytes(message);
    }

    private static boolean isValidId(@Nullable JsonNode id) {
        return id != null && (id.isString() || id.isIntegralNumber());
    }

    private static InvalidMessageException invalid(String detail, @Nullable JsonNode id) {
        return new InvalidMessageException(ErrorCodes.INVALID_REQUEST, "Invalid Request: " + detail, id);
    }

    /**
     * A message without method that is no valid response. Its error carries no id: a response's id is one of the
     * server's, which the client must not match with one of its own.
     */
    private static InvalidMessageException invalidResponse(String detail, @Nullable JsonNode id) {
        return id == null ? invalid(detail, null) : new InvalidAnswerException(detail, id);
    }

    /** An invalid message that has the id of one of the server's requests: it fails that request. */
    private static final class InvalidAnswerException extends InvalidMessageException {

        private final transient JsonRpcMessage.ErrorResponse failure;

        InvalidAnswerException(String detail, JsonNode id) {
            super(ErrorCodes.INVALID_REQUEST, "Invalid Request: " + detail, null);
            this.failure = new JsonRpcMessage.ErrorResponse(id, new JsonRpcError(ErrorCodes.INVALID_REQUEST,
                    "Invalid Request: the client's answer is not a valid JSON-RPC response: " + detail));
        }

        JsonRpcMessage.ErrorResponse failure() {
            return failure;
        }
    }

    /** Whether a tree is a JSON array (a batch). */
    public static boolean isBatch(JsonNode tree) {
        return tree.getNodeType() == JsonNodeType.ARRAY;
    }
}
