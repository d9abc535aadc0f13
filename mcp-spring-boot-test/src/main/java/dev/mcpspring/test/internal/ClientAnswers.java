package dev.mcpspring.test.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.ListRootsResult;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the test client answers when the server asks it something (sampling, elicitation, roots, ping), as the test
 * scripted it, and the client capabilities that follow from it.
 */
public final class ClientAnswers {

    private final JsonMapper mapper;

    private volatile @Nullable Function<SamplingRequest, SamplingResult> sampling;

    private volatile @Nullable Function<ElicitationRequest, ElicitationResult> elicitation;

    private volatile @Nullable List<Root> roots;

    private volatile @Nullable Map<String, Object> capabilities;

    private final Map<String, Object> added = new ConcurrentHashMap<>();

    public ClientAnswers(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public void sampling(Function<SamplingRequest, SamplingResult> answer) {
        this.sampling = answer;
    }

    public void elicitation(Function<ElicitationRequest, ElicitationResult> answer) {
        this.elicitation = answer;
    }

    public void roots(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Declares these capabilities instead of those that follow from the scripted answers. */
    public void capabilities(Map<String, Object> capabilities) {
        this.capabilities = Map.copyOf(capabilities);
    }

    /** Declares one capability more (or another value for one), besides the others. */
    public void capability(String name, Object value) {
        added.put(name, value);
    }

    /** Forgets every scripted answer. */
    public void clear() {
        sampling = null;
        elicitation = null;
        roots = null;
        capabilities = null;
        added.clear();
    }

    /** The client capabilities: one per scripted answer, unless set explicitly, and those added. */
    public Map<String, Object> capabilities() {
        Map<String, Object> declared = capabilities;
        if (declared != null) {
            Map<String, Object> all = new LinkedHashMap<>(declared);
            all.putAll(added);
            return all;
        }
        Map<String, Object> derived = new LinkedHashMap<>();
        if (sampling != null) {
            derived.put("sampling", Map.of());
        }
        if (elicitation != null) {
            derived.put("elicitation", Map.of("form", Map.of(), "url", Map.of()));
        }
        if (roots != null) {
            derived.put("roots", Map.of("listChanged", true));
        }
        derived.putAll(added);
        return derived;
    }

    /**
     * The result of a server's request, as scripted.
     *
     * @throws UnscriptedRequestException when the test scripted no answer for it
     */
    public JsonNode answer(String method, @Nullable JsonNode params) {
        return switch (method) {
            case "ping" -> mapper.createObjectNode();
            case "sampling/createMessage" -> {
                Function<SamplingRequest, SamplingResult> answer = required(sampling, method, "onSampling");
                yield mapper.valueToTree(answer.apply(mapper.treeToValue(params, SamplingRequest.class)));
            }
            case "elicitation/create" -> {
                Function<ElicitationRequest, ElicitationResult> answer = required(elicitation, method,
                        "onElicitation");
                yield mapper.valueToTree(answer.apply(mapper.treeToValue(params, ElicitationRequest.class)));
            }
            case "roots/list" -> mapper.valueToTree(new ListRootsResult(required(roots, method, "roots")));
            default -> throw new UnscriptedRequestException("the server sent '" + method
                    + "', which the MCP test client does not answer");
        };
    }

    private static <T> T required(@Nullable T answer, String method, String configure) {
        if (answer == null) {
            throw new UnscriptedRequestException("the server sent '" + method + "' but the test scripted no answer: "
                    + "call McpTestClient." + configure + "(...) first");
        }
        return answer;
    }

    /** The server asked something the test did not script an answer for. */
    public static final class UnscriptedRequestException extends RuntimeException {

        UnscriptedRequestException(String message) {
            super(message);
        }
    }
}
