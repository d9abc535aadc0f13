package dev.mcpspring.resumption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseEvent;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Clients and SSE helpers of the resumption tests. */
abstract class ResumptionTestSupport {

    static final Duration WAIT = Duration.ofSeconds(5);

    static final Pattern EVENT_ID = Pattern.compile("([^:]+):(\\d+)");

    static final ObjectMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    McpTestClient connected(String version) {
        McpTestClient client = McpTestClient.create(port);
        client.connect(version);
        return client;
    }

    /** Starts {@code tools/call} of {@code tool} and returns its response stream while it is still open. */
    static SseSubscription startCall(McpTestClient client, long id, String tool, Map<String, Object> arguments,
            String progressToken) {
        SseSubscription stream = client
            .post(client.message(id, "tools/call", client.callToolParams(tool, arguments, progressToken)))
            .openStream();
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.isSse()).as("SSE response, headers %s", stream.headers().map()).isTrue();
        return stream;
    }

    /** A GET that resumes the stream of {@code lastEventId}. */
    static SseSubscription resume(McpTestClient client, String lastEventId) {
        return client.get().header("Last-Event-ID", lastEventId).openStream();
    }

    /** Takes events until one with data arrives and returns it (priming events are skipped). */
    static SseEvent nextDataEvent(SseSubscription stream) {
        while (true) {
            SseEvent event = stream.nextEvent(WAIT);
            if (event.hasData()) {
                return event;
            }
        }
    }

    /** Takes data events until the one that is the JSON-RPC response (it has an id and no method). */
    static List<SseEvent> dataEventsUntilResponse(SseSubscription stream) {
        List<SseEvent> events = new ArrayList<>();
        while (true) {
            SseEvent event = nextDataEvent(stream);
            events.add(event);
            JsonNode message = JSON.readTree(event.data());
            if (message.has("id") && !message.has("method")) {
                return events;
            }
        }
    }

    static JsonNode message(SseEvent event) {
        return JSON.readTree(event.data());
    }

    /** What a data event says, for comparisons: "progress:<token>:<n>" or "response:<id>:<text>". */
    static String describe(SseEvent event) {
        JsonNode message = message(event);
        if ("notifications/progress".equals(message.path("method").asString(null))) {
            return "progress:" + message.path("params").path("progressToken").asString() + ":"
                    + message.path("params").path("progress").asInt();
        }
        if (message.has("result")) {
            return "response:" + message.path("id").asString() + ":"
                    + message.path("result").path("content").path(0).path("text").asString();
        }
        return message.toString();
    }

    static List<String> describeAll(List<SseEvent> events) {
        return events.stream().map(ResumptionTestSupport::describe).toList();
    }

    /** The expected descriptions of a countdown: its progress steps, then its response. */
    static List<String> countdown(String token, long requestId, int from, int to, int count) {
        List<String> expected = new ArrayList<>();
        for (int step = from; step <= to; step++) {
            expected.add("progress:" + token + ":" + step);
        }
        expected.add("response:" + requestId + ":counted to " + count);
        return expected;
    }

    static String streamOf(String eventId) {
        Matcher matcher = EVENT_ID.matcher(eventId);
        assertThat(matcher.matches()).as("event id '%s' is <stream>:<sequence>", eventId).isTrue();
        return matcher.group(1);
    }

    static long sequenceOf(String eventId) {
        Matcher matcher = EVENT_ID.matcher(eventId);
        assertThat(matcher.matches()).as("event id '%s' is <stream>:<sequence>", eventId).isTrue();
        return Long.parseLong(matcher.group(2));
    }

    /** The body of a refused GET as a response. */
    static McpResponse refused(McpTestClient client, String lastEventId) {
        return client.get().header("Last-Event-ID", lastEventId).send();
    }
}
