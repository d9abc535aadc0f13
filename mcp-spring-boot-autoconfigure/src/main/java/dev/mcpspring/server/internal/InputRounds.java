package dev.mcpspring.server.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.InputRequiredException;
import dev.mcpspring.server.McpPeerErrorException;
import dev.mcpspring.server.McpPeerException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.RequestState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One attempt of a multi round-trip request (2026-07-28): what a handler asks the client through its
 * {@link PeerHandle} is answered from the request when the answer is there, and otherwise collected as an input
 * request; the attempt then ends with an {@code InputRequiredResult} carrying all of them and a sealed
 * {@code requestState}.
 * <p>
 * The questions of a handler get stable keys, since the handler re-runs from the start on every retry: the key it
 * chose ({@link PeerHandle#withInputKey}), else the method's kind and its count in the run ({@code sampling-1},
 * {@code elicitation-2}). Calls may come from several threads (the async twins); they are serialised here. With each answer the state
 * keeps a digest of the question it answers: an answer is only given back to the same question, so a handler that
 * asks something else on a later run is asked again rather than handed a wrong answer.
 * <p>
 * The sealed state binds itself to the caller's principal, the method and a digest of the request's params, and
 * expires; it carries the answers of earlier rounds (a client sends only those of the last one) and the values of
 * {@link RequestState}.
 */
final class InputRounds implements InputChannel {

    /** The params members that belong to the rounds, not to the request they retry. */
    private static final List<String> ROUND_MEMBERS = List.of("_meta", "inputResponses", "requestState");

    private final JsonRpcCodec codec;

    private final ModernSettings settings;

    private final Clock clock;

    private final String principal;

    private final String method;

    private final JsonNode params;

    private final JsonNode inputResponses;

    /** The opened requestState of the earlier rounds, or {@code null} in the first round. */
    private final @Nullable ObjectNode state;

    // Made when first needed: most requests ask the client nothing, and pay for none of it.

    private String paramsDigest;

    /** key -> {"question": digest, "answer": result} of earlier rounds and this one. */
    private ObjectNode answers;

    private ObjectNode asked;

    private ObjectNode inputRequests;

    private Map<String, Integer> counts;

    private Values values;

    private InputRounds(JsonRpcCodec codec, ModernSettings settings, Clock clock, String principal,
            String method, JsonNode params, String paramsDigest, JsonNode inputResponses, ObjectNode state) {
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.principal = principal;
        this.method = method;
        this.params = params;
        this.paramsDigest = paramsDigest;
        this.inputResponses = inputResponses != null && inputResponses.isObject() ? inputResponses : null;
        this.state = state;
    }

    /**
     * Starts an attempt of {@code request}, opening the {@code requestState} it carries.
     *
     * @throws McpException -32602 when the state is malformed, tampered with, expired, or was issued to another
     *                      principal or for another request; the handler must not run then
     */
    static InputRounds start(String method, JsonNode params, String principal, JsonRpcCodec codec,
            ModernSettings settings, Clock clock) {
        JsonNode sealed = params == null ? null : params.get("requestState");
        ObjectNode state = null;
        String digest = null;
        if (sealed != null && !sealed.isNull()) {
            state = open(sealed, codec, settings.sealer());
            digest = digest(codec, withoutRoundMembers(params, codec));
            if (state.path("expires").asLong() < clock.millis()) {
                throw refused("it has expired; send the request again without requestState and inputResponses");
            }
            if (!Objects.equals(principal, state.path("principal").isString() ? state.get("principal").asString()
                    : null)) {
                throw refused("it was issued to another caller");
            }
            if (!method.equals(state.path("method").asString()) || !digest.equals(state.path("params").asString())) {
                throw refused("it was issued for another request; send it only with the request whose "
                        + "InputRequiredResult carried it, with the same params");
            }
        }
        JsonNode responses = params == null ? null : params.get("inputResponses");
        if (responses != null && !responses.isNull() && !responses.isObject()) {
            throw McpException.invalidParams("Invalid params: \"inputResponses\" must be an object mapping the keys "
                    + "of the inputRequests to the client's results");
        }
        return new InputRounds(codec, settings, clock, principal, method, params, digest, responses, state);
    }

    private static ObjectNode open(JsonNode sealed, JsonRpcCodec codec, RequestStateSealer sealer) {
        byte[] plain = sealed.isString() ? sealer.open(sealed.asString()) : null;
        if (plain == null) {
            throw refused(FOREIGN);
        }
        try {
            JsonNode state = codec.mapper().readTree(plain);
            if (state.isObject()) {
                return (ObjectNode) state;
            }
        }
        catch (JacksonException ex) {
            // sealed by us but unreadable: same answer as a foreign state
        }
        throw refused(FOREIGN);
    }

    /**
     * Why a state that does not open is refused: a client's tampering, or instances of one server that do not share
     * their key (then about every other retry fails behind a load balancer).
     */
    private static final String FOREIGN = "it is not a requestState this server issued, or it was modified (or the "
            + "server's instances do not share mcp.server.request-state.secret); send the request again without "
            + "requestState and inputResponses";

    private static McpException refused(String why) {
        return McpException.invalidParams("Invalid params: requestState refused: " + why);
    }

    /**
     * Asks the client {@code method}: the answer at once when the request carries it, else a future failed with
     * {@link InputRequiredException} and the question added to this attempt's input requests.
     *
     * @param name the key the handler chose for the question, or {@code null} for its kind
     */
    @Override
    public <T> CompletableFuture<T> call(String name, String method, Object params, Class<T> resultType,
            Duration timeout) {
        return call(name, method, params, resultType);
    }

    synchronized <T> CompletableFuture<T> call(String name, String method, Object params, Class<T> resultType) {
        JsonNode question = params == null ? codec.mapper().createObjectNode() : codec.toTree(params);
        String key = keyOf(name, method);
        String questionDigest = digest(codec, question);
        JsonNode answer = answerTo(key, questionDigest);
        if (answer != null) {
            JsonRpcError error = errorOf(answer);
            if (error != null) {
                return CompletableFuture.failedFuture(new McpPeerErrorException(method, error));
            }
            T value = bind(method, answer, resultType);
            if (value != null) {
                ObjectNode kept = answers().putObject(key);
                kept.put("question", questionDigest);
                kept.set("answer", answer);
                return CompletableFuture.completedFuture(value);
            }
        }
        ask(key, method, question, questionDigest);
        return CompletableFuture.failedFuture(new InputRequiredException(method));
    }

    /**
     * Adds {@code method} to this attempt's input requests whatever the request carries: a question no answer in
     * the retry settles, since the handler itself tells on the retry whether it is settled (a URL-mode elicitation
     * the user completes elsewhere).
     */
    synchronized void require(String method, Object params) {
        JsonNode question = codec.toTree(params);
        ask(keyOf(null, method), method, question, digest(codec, question));
    }

    private void ask(String key, String method, JsonNode question, String questionDigest) {
        if (inputRequests == null) {
            inputRequests = codec.mapper().createObjectNode();
            asked = codec.mapper().createObjectNode();
        }
        ObjectNode request = inputRequests.putObject(key);
        request.put("method", method);
        request.set("params", question);
        asked.put(key, questionDigest);
    }

    /** The values a handler carries between rounds. */
    @Override
    public synchronized RequestState values() {
        if (values == null) {
            values = new Values(codec, stateMember("values"));
        }
        return values;
    }

    /** Whether a question of this attempt has no answer yet, so the attempt ends with an InputRequiredResult. */
    synchronized boolean hasInputRequests() {
        return inputRequests != null;
    }

    /** The {@code InputRequiredResult} of this attempt: its questions and the sealed state of the next round. */
    synchronized ObjectNode inputRequiredResult() {
        ObjectNode state = codec.mapper().createObjectNode();
        if (principal != null) {
            state.put("principal", principal);
        }
        state.put("expires", clock.millis() + settings.requestStateTtl().toMillis());
        state.put("method", method);
        state.put("params", paramsDigest != null ? paramsDigest : digest(codec, withoutRoundMembers(params, codec)));
        state.set("asked", asked);
        state.set("answers", answers());
        state.set("values", ((Values) values()).stored);
        ObjectNode result = codec.mapper().createObjectNode();
        result.put("resultType", "input_required");
        result.set("inputRequests", inputRequests);
        String sealed = settings.sealer().seal(codec.write(state));
        if (sealed.length() > settings.maxRequestStateLength()) { // the client could not send it back
            throw McpException.invalidParams("Invalid params: the answers given so far are too large to carry to the "
                    + "next round: its requestState would have " + sealed.length() + " characters, at most "
                    + settings.maxRequestStateLength() + " (half of mcp.server.transport.max-body-size); answer with "
                    + "less");
        }
        result.put("requestState", sealed);
        return result;
    }

    /** {@code name} the first time, {@code name-2}, ... after; by default the method's kind and its count. */
    private String keyOf(String name, String method) {
        if (counts == null) {
            counts = new HashMap<>();
        }
        if (name != null) {
            int count = counts.merge(name, 1, Integer::sum);
            return count == 1 ? name : name + "-" + count;
        }
        String kind = kindOf(method);
        return kind + "-" + counts.merge(kind, 1, Integer::sum);
    }

    private ObjectNode answers() {
        if (answers == null) {
            answers = stateMember("answers");
        }
        return answers;
    }

    /** An object member of the earlier rounds' state, or a new empty one. */
    private ObjectNode stateMember(String name) {
        JsonNode member = state == null ? null : state.get(name);
        return member instanceof ObjectNode object ? object : codec.mapper().createObjectNode();
    }

    /**
     * This round's answer to the question, else an earlier round's. A retry with a state may answer only the
     * questions of the round before, as they were asked: the answers of earlier rounds are sealed, not for the client
     * to change, and a question not asked has no answer yet. A first attempt may answer what it expects to be asked.
     */
    private @Nullable JsonNode answerTo(String key, String questionDigest) {
        JsonNode fresh = inputResponses == null ? null : inputResponses.get(key);
        JsonNode askedDigest = state == null ? null : state.path("asked").get(key);
        boolean asked = state == null || askedDigest != null && questionDigest.equals(askedDigest.asString());
        if (fresh != null && fresh.isObject() && asked) {
            return fresh;
        }
        JsonNode earlier = answers().get(key);
        if (earlier != null && questionDigest.equals(earlier.path("question").asString())) {
            return earlier.get("answer");
        }
        return null;
    }

    /** The answer as {@code type}, or {@code null} when it is not a well-formed result of {@code method}. */
    private <T> @Nullable T bind(String method, JsonNode answer, Class<T> type) {
        if (!isWellFormed(method, answer)) {
            return null;
        }
        try {
            return ClientResults.bind(codec, method, answer, type);
        }
        catch (McpPeerException ex) {
            return null;
        }
    }

    /**
     * The JSON-RPC error an answer carries: its {@code error} member when that is an object with an integer
     * {@code code} that fits a JSON-RPC code; {@code null} otherwise (a result, or an error too malformed to count).
     */
    static @Nullable JsonRpcError errorOf(JsonNode answer) {
        JsonNode error = answer.get("error");
        if (error == null || !error.isObject() || !error.path("code").isIntegralNumber()
                || !error.path("code").canConvertToInt()) {
            return null;
        }
        return new JsonRpcError(error.get("code").asInt(), error.path("message").asString(""), error.get("data"));
    }

    /**
     * Whether {@code answer} is a well-formed answer to a question of {@code method}: a result of it, or a JSON-RPC
     * error ({@link #errorOf}).
     */
    static boolean isWellFormed(String method, JsonNode answer) {
        return answer != null && answer.isObject()
                && (errorOf(answer) != null || ClientResults.defect(method, answer) == null);
    }

    /** The kind of a question of {@code method} in default keys: {@code sampling}, {@code elicitation}, ... */
    static String kindOf(String method) {
        return switch (method) {
            case McpMethods.SAMPLING_CREATE_MESSAGE -> "sampling";
            case McpMethods.ELICITATION_CREATE -> "elicitation";
            case McpMethods.ROOTS_LIST -> "roots";
            default -> method.replace('/', '-');
        };
    }

    private static JsonNode withoutRoundMembers(JsonNode params, JsonRpcCodec codec) {
        if (params == null || !params.isObject()) {
            return codec.mapper().createObjectNode();
        }
        ObjectNode copy = ((ObjectNode) params).deepCopy();
        copy.remove(ROUND_MEMBERS);
        return copy;
    }

    /** SHA-256 of the JSON with the members of every object sorted, so that member order does not matter. */
    private static String digest(JsonRpcCodec codec, JsonNode json) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(codec.write(sorted(json, codec)));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static JsonNode sorted(JsonNode json, JsonRpcCodec codec) {
        if (json.isObject()) {
            List<String> names = new ArrayList<>(json.propertyNames());
            names.sort(null);
            ObjectNode copy = codec.mapper().createObjectNode();
            names.forEach(name -> copy.set(name, sorted(json.get(name), codec)));
            return copy;
        }
        if (json.isArray()) {
            var copy = codec.mapper().createArrayNode();
            json.values().forEach(element -> copy.add(sorted(element, codec)));
            return copy;
        }
        return json;
    }

    /** {@link RequestState} on the values carried in the sealed state. */
    private static final class Values implements RequestState {

        private final JsonRpcCodec codec;

        private final ObjectNode stored;

        Values(JsonRpcCodec codec, ObjectNode stored) {
            this.codec = codec;
            this.stored = stored;
        }

        @Override
        public <T> Optional<T> get(String key, Class<T> type) {
            return read(key, codec.mapper().constructType(type));
        }

        @Override
        public <T> Optional<T> get(String key, ParameterizedTypeReference<T> type) {
            return read(key, codec.mapper().constructType(type.getType()));
        }

        private synchronized <T> Optional<T> read(String key, JavaType type) {
            JsonNode value = stored.get(key);
            return value == null || value.isNull() ? Optional.empty()
                    : Optional.of(codec.mapper().treeToValue(value, type));
        }

        @Override
        public synchronized void put(String key, Object value) {
            stored.set(key, codec.toTree(value));
        }
    }

    /** A {@link RequestState} for a request that runs once (legacy sessions): values live as long as it. */
    static RequestState singleRound(JsonRpcCodec codec) {
        return new Values(codec, codec.mapper().createObjectNode());
    }
}
