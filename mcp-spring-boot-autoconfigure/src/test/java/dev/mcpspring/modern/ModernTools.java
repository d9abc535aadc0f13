package dev.mcpspring.modern;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.UrlElicitationRequiredException;
import dev.mcpspring.server.McpPeerErrorException;
import dev.mcpspring.server.PeerHandle;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools of the 2026-07-28 tests, written as any tool is: nothing in them knows which era the client speaks. The
 * counters show how often work before a question to the client runs.
 */
@Component
public class ModernTools {

    /** How often {@code two_questions} did its expensive work (kept in the request state, so once per call). */
    final AtomicInteger expensiveWork = new AtomicInteger();

    /** How often {@code two_questions} started, one for each round. */
    final AtomicInteger runs = new AtomicInteger();

    /** Whether the user finished signing in elsewhere, which {@code read_after_sign_in} waits for. */
    volatile boolean signedIn;

    /** Counted down when {@code wait_for_cancel} sees its cancellation signal. */
    volatile CountDownLatch cancelled = new CountDownLatch(1);

    @McpTool(description = "Echoes the text")
    public String echo(@McpToolParam(description = "What to echo") String text) {
        return text;
    }

    @McpTool(name = "ask_name", description = "Asks the user's name and greets them")
    public String askName(PeerHandle peer) {
        return "Hello, " + peer.withInputKey("name").elicit(ElicitationRequest.form("Your name?", form("name")))
            .content()
            .get("name") + "!";
    }

    @McpTool(name = "two_questions", description = "Does expensive work, asks the model, then the user")
    public String twoQuestions(PeerHandle peer) {
        runs.incrementAndGet();
        int work = peer.requestState().computeIfAbsent("work", Integer.class, expensiveWork::incrementAndGet);
        String idea = peer.sample(SamplingRequest.ofUserText("An idea?", 10)).text();
        Object verdict = peer.elicit(ElicitationRequest.form("Do you like '" + idea + "'?", form("verdict")))
            .content()
            .get("verdict");
        return "work " + work + ": " + idea + " -> " + verdict;
    }

    @McpTool(name = "all_at_once", description = "Asks the model, the user and for the roots in one round")
    public String allAtOnce(PeerHandle peer) {
        var idea = peer.sampleAsync(SamplingRequest.ofUserText("An idea?", 10));
        var name = peer.elicitAsync(ElicitationRequest.form("Your name?", form("name")));
        var roots = peer.listRootsAsync();
        return PeerHandle.await(idea).text() + " / " + PeerHandle.await(name).content().get("name") + " / "
                + PeerHandle.await(roots).stream().map(Root::uri).toList();
    }

    @McpTool(name = "sign_in", description = "Sends the user to sign in elsewhere")
    public String signIn(PeerHandle peer) {
        return peer.elicitUrl("Sign in to continue", "https://auth.example.com/start", "sign-in-1").action()
            .wireName();
    }

    @McpTool(name = "read_after_sign_in", description = "Reads once the user has signed in elsewhere")
    public String readAfterSignIn() {
        if (!signedIn) {
            throw new UrlElicitationRequiredException("Sign in first", List.of(ElicitationRequest.url(
                    "Sign in to read", "https://auth.example.com/start", "sign-in-2")));
        }
        return "read";
    }

    @McpTool(name = "typed_question", description = "Asks the user for a typed answer")
    public String typedQuestion(PeerHandle peer) {
        Person person = peer.elicit("Who are you?", Person.class).content();
        return person.name() + " is " + person.age();
    }

    @McpTool(name = "model_or_error", description = "Asks the model; reports a refusal")
    public String modelOrError(PeerHandle peer) {
        try {
            return peer.sampleText("Hello?", 10);
        }
        catch (McpPeerErrorException ex) {
            return "refused: " + ex.error().code() + " " + ex.error().message();
        }
    }

    @McpTool(name = "needs_sampling", description = "Asks the model and does not handle its absence")
    public String needsSampling(PeerHandle peer) {
        return peer.sampleText("Hello?", 10);
    }

    @McpTool(name = "sampling_if_declared", description = "Asks the model when the client can answer")
    public String samplingIfDeclared(PeerHandle peer) {
        try {
            return peer.sampleText("Hello?", 10);
        }
        catch (dev.mcpspring.server.McpClientCapabilityException ex) {
            return "no sampling";
        }
    }

    @McpTool(name = "logs", description = "Logs at debug, info and error level, then reports progress")
    public String logs(PeerHandle peer) {
        peer.log(LoggingLevel.DEBUG, "test", "debug message");
        peer.log(LoggingLevel.INFO, "test", "info message");
        peer.log(LoggingLevel.ERROR, "test", "error message");
        peer.progress(1, 1.0, "done");
        return "logged";
    }

    @McpTool(name = "uneven_progress", description = "Reports progress that repeats and goes back")
    public String unevenProgress(PeerHandle peer) {
        for (double progress : new double[] { 1, 1, 0.5, 2, Double.NaN, 2, 3 }) {
            peer.withInputKey("any").progress(progress, 3.0, "at " + progress);
        }
        return "done";
    }

    @McpTool(name = "wait_for_cancel", description = "Waits until the request is cancelled")
    public String waitForCancel(PeerHandle peer) throws InterruptedException {
        CountDownLatch latch = cancelled;
        peer.onCancel(latch::countDown);
        peer.progress(0, null, "waiting"); // opens the response stream, so the client sees the call started
        latch.await(20, TimeUnit.SECONDS);
        return "ended";
    }

    @McpTool(name = "wait_quietly_for_cancel", description = "Waits, sending nothing, until the request is cancelled")
    public String waitQuietlyForCancel(PeerHandle peer) throws InterruptedException {
        CountDownLatch latch = cancelled;
        peer.onCancel(latch::countDown);
        latch.await(20, TimeUnit.SECONDS);
        return "ended";
    }

    @McpTool(name = "routed", description = "Runs in a region, which gateways read from a header")
    public String routed(@McpToolParam(description = "Region", header = "Region") String region,
            @McpToolParam(description = "Priority", header = "Priority", required = false) Integer priority,
            @McpToolParam(description = "Query") String query) {
        return query + "@" + region + "/" + priority;
    }

    @McpPrompt(name = "ask_topic", description = "Asks the user for a topic first")
    public String askTopic(PeerHandle peer) {
        return "Write about " + peer.elicit(ElicitationRequest.form("Topic?", form("topic"))).content().get("topic");
    }

    @McpResource(uri = "modern://roots", description = "The client's roots, asked for while reading")
    public String roots(PeerHandle peer) {
        List<Root> roots = peer.listRoots();
        return roots.stream().map(Root::uri).toList().toString();
    }

    /** A typed elicitation answer. */
    public record Person(String name, int age) {
    }

    static ObjectNode form(String property) {
        ObjectNode schema = McpJsonMapper.create().createObjectNode();
        schema.put("type", "object");
        schema.putObject("properties").putObject(property).put("type", "string");
        schema.putArray("required").add(property);
        return schema;
    }

    static Map<String, Object> accept(String property, Object value) {
        return Map.of("action", "accept", "content", Map.of(property, value));
    }

    static Map<String, Object> sampled(String text) {
        return Map.of("role", "assistant", "content", Map.of("type", "text", "text", text), "model", "test-model");
    }
}
