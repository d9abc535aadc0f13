package dev.mcpspring.conformance;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixtures of the {@code input-required-result-*} scenarios (2026-07-28, SEP-2322): ordinary
 * {@link PeerHandle} calls, which a modern client gets as the {@code inputRequests} of an
 * {@code InputRequiredResult} and answers on its retry. Each call names its input key as the scenario expects
 * ({@link PeerHandle#withInputKey}); nothing else here knows about rounds or request state.
 */
@Component
public class InputRequiredFixtures {

    private static final JsonMapper MAPPER = McpJsonMapper.create();

    @McpTool(name = "test_input_required_result_elicitation",
            description = "Asks the user for their name and greets them (input-required-result-basic-elicitation)")
    public String elicitation(PeerHandle peer) {
        return "Hello, " + askName(peer, "user_name", "What is your name?") + "!";
    }

    @McpTool(name = "test_input_required_result_sampling",
            description = "Asks the client's model for the capital of France (input-required-result-basic-sampling)")
    public String sampling(PeerHandle peer) {
        return peer.withInputKey("capital_question")
            .sample(SamplingRequest.ofUserText("What is the capital of France?", 100))
            .text();
    }

    @McpTool(name = "test_input_required_result_list_roots",
            description = "Lists the client's roots (input-required-result-basic-list-roots)")
    public String listRoots(PeerHandle peer) {
        return "Client roots: " + roots(peer.withInputKey("client_roots").listRoots());
    }

    @McpTool(name = "test_input_required_result_request_state",
            description = "Asks for a confirmation, carrying state to the retry (input-required-result-request-state)")
    public String requestState(PeerHandle peer) {
        // work before the question runs again on the retry unless it is kept in the request state
        String ticket = peer.requestState().computeIfAbsent("ticket", String.class, () -> "ticket-42");
        ElicitationResult answer = peer.withInputKey("confirm")
            .elicit(ElicitationRequest.form("Please confirm", schema("ok", "boolean")));
        return "state-ok: " + ticket + " confirmed=" + answer.content();
    }

    @McpTool(name = "test_input_required_result_multiple_inputs",
            description = "Asks three questions in one round (input-required-result-multiple-input-requests)")
    public String multipleInputs(PeerHandle peer) {
        // the async twins put all three questions in one round; join() ends the attempt when one is unanswered
        var name = peer.withInputKey("user_name")
            .elicitAsync(ElicitationRequest.form("What is your name?", schema("name", "string")));
        var greeting = peer.withInputKey("greeting").sampleAsync(SamplingRequest.ofUserText("Generate a greeting", 50));
        var roots = peer.withInputKey("client_roots").listRootsAsync();
        return PeerHandle.await(name).content() + " / " + PeerHandle.await(greeting).text() + " / "
                + roots(PeerHandle.await(roots));
    }

    @McpTool(name = "test_input_required_result_multi_round",
            description = "Asks two questions, one round each (input-required-result-multi-round)")
    public String multiRound(PeerHandle peer) {
        String name = askName(peer, "step1", "Step 1: What is your name?");
        ElicitationResult color = peer.withInputKey("step2")
            .elicit(ElicitationRequest.form("Step 2: What is your favorite color?", schema("color", "string")));
        return name + " likes " + color.content().get("color");
    }

    @McpTool(name = "test_input_required_result_tampered_state",
            description = "Asks for a confirmation; its request state is sealed (input-required-result-tampered-state)")
    public String tamperedState(PeerHandle peer) {
        ElicitationResult answer = peer.withInputKey("confirm")
            .elicit(ElicitationRequest.form("Please confirm", schema("ok", "boolean")));
        return "confirmed=" + answer.content();
    }

    @McpTool(name = "test_input_required_result_capabilities",
            description = "Asks what the client can answer: sampling and elicitation "
                    + "(input-required-result-capability-check)")
    public String capabilities(PeerHandle peer, McpRequestContext context) {
        // only what the client declared is asked: a handler checks the capabilities before it asks
        var declared = context.clientCapabilities();
        var sample = declared.hasSampling()
                ? peer.withInputKey("sampling_question").sampleAsync(SamplingRequest.ofUserText("Say hello", 20)) : null;
        var elicit = declared.hasElicitation() ? peer.withInputKey("elicitation_question")
            .elicitAsync(ElicitationRequest.form("What is your name?", schema("name", "string"))) : null;
        return (sample == null ? "no sampling" : PeerHandle.await(sample).text()) + " / "
                + (elicit == null ? "no elicitation" : PeerHandle.await(elicit).content());
    }

    @McpPrompt(name = "test_input_required_result_prompt",
            description = "A prompt that asks the user for context first (input-required-result-non-tool-request)")
    public String prompt(PeerHandle peer) {
        ElicitationResult answer = peer.withInputKey("user_context")
            .elicit(ElicitationRequest.form("What context should the prompt use?", schema("context", "string")));
        return "Use this context: " + answer.content().get("context");
    }

    private static String askName(PeerHandle peer, String key, String message) {
        ElicitationResult answer = peer.withInputKey(key).elicit(ElicitationRequest.form(message, schema("name", "string")));
        return String.valueOf(answer.content() == null ? null : answer.content().get("name"));
    }

    private static String roots(List<Root> roots) {
        return roots.stream().map(Root::uri).collect(Collectors.joining(", "));
    }

    /** A form with one required property of {@code type}. */
    static ObjectNode schema(String property, String type) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("type", "object");
        schema.putObject("properties").putObject(property).put("type", type);
        schema.putArray("required").add(property);
        return schema;
    }
}
