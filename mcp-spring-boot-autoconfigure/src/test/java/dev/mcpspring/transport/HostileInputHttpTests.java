package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Item 4 of the hardening issue: several thousand generated malformed messages (fuzzed JSON, wrong types in every
 * field of the main requests, odd headers, huge bodies, deep nesting, long strings and numbers, invalid UTF-8, bad
 * ids, duplicate in-flight ids, responses to unknown ids, session floods) sent from many concurrent connections
 * while a well-behaved session calls the echo tool in a loop and clients that stopped reading their SSE streams
 * are pushed megabytes (they must be disconnected once their bounded output queue is full). Afterwards: no 5xx (except the session cap's 503
 * with {@code Retry-After}), no body leaking internals, every good answer right, and the heap back near its
 * baseline after a GC.
 */
@Tag("hostile")
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.transport.max-body-size=256KB", "mcp.server.session.max-sessions=150",
                "mcp.server.session.timeout=5s", "mcp.server.transport.keep-alive-interval=0" })
class HostileInputHttpTests extends HttpTestSupport {

    static final int CONNECTIONS = 32;

    static final int STUCK_READERS = 4;

    static final int STUCK_PUSHES = 160;

    static final String[] LEAKS = { "Exception", "\tat ", "java.", "jakarta.", "tools.jackson", "dev.mcpspring",
            "org.springframework", "org.apache", ".java", "/work/", "/home/", "/tmp/", "/usr/", "C:\\" };

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Wrong values put in every field of every template. */
    static final String[] WRONG = { "null", "1", "-1", "0", "1.5", "true", "false", "\"\"", "\"x\"", "[]", "{}",
            "[1,{\"a\":[]}]", "{\"a\":{\"b\":null}}", "1e400", "-1e400", "123456789012345678901234567890",
            "\"" + "s".repeat(300) + "\"", "\"\\u0000\\ud800\"" };

    /** Ids that are not strings or integers, or extreme integers. */
    static final String[] BAD_IDS = { "{}", "{\"a\":1}", "[]", "[1]", "null", "true", "1.5", "1e400", "-0.0",
            "123456789012345678901234567890123", "9223372036854775808", "-9223372036854775809" };

    @Autowired
    SessionManager sessions;

    record Probe(String kind, String method, Map<String, String> headers, byte[] body, boolean mayBeCapped) {
    }

    record Outcome(Probe probe, int status, String body, String retryAfter, String failure) {
    }

    @Test
    void hostileTrafficHarmsNoOne() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = usedAfterGc(memory);
        long started = System.nanoTime();

        McpTestClient good = connected();
        List<String> hostileSessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hostileSessions.add(connected().sessionId());
        }
        List<McpTestClient> duplicateClients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            duplicateClients.add(connected()); // before the flood fills the session cap
        }
        // clients that stop reading their GET stream while the server pushes megabytes at them
        List<McpTestClient> stuckClients = new ArrayList<>();
        List<StuckSseReader> stuckReaders = new ArrayList<>();
        for (int i = 0; i < STUCK_READERS; i++) {
            McpTestClient client = connected();
            stuckClients.add(client);
            stuckReaders.add(StuckSseReader.get(port, client.sessionId(), client.protocolVersion()));
        }
        List<String> stuckFailures = Collections.synchronizedList(new ArrayList<>());
        Thread pusher = new Thread(() -> pushTo(stuckClients, stuckFailures), "push-to-stuck-readers");
        Random random = new Random(20261121);
        List<Probe> probes = generate(random, hostileSessions);
        Collections.shuffle(probes, random);

        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger goodCalls = new AtomicInteger();
        List<String> goodFailures = Collections.synchronizedList(new ArrayList<>());
        Thread goodLoop = new Thread(() -> {
            int n = 0;
            while (!done.get() || n < 50) {
                String text = "good " + n + " \u00e9\u20ac\uD83D\uDE00 " + "z".repeat(n % 200);
                try {
                    JsonNode result = good.callTool("echo", Map.of("text", text)).result();
                    if (!text.equals(text(result))) {
                        goodFailures.add("call " + n + ": " + result);
                    }
                }
                catch (RuntimeException | AssertionError ex) {
                    goodFailures.add("call " + n + ": " + ex);
                }
                n++;
                goodCalls.incrementAndGet();
            }
        }, "good-session");
        goodLoop.start();
        pusher.start();

        HttpClient[] clients = new HttpClient[CONNECTIONS / 4];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        // duplicate ids while the first is in flight, in one session each, concurrently with the rest
        List<String> duplicateFailures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 40; i++) {
            int n = i;
            McpTestClient client = duplicateClients.get(i);
            futures.add(pool.submit(() -> duplicateInFlight(client, n, duplicateFailures)));
        }
        for (Probe probe : probes) {
            HttpClient http = clients[next.getAndIncrement() % clients.length];
            futures.add(pool.submit(() -> outcomes.add(send(http, probe))));
        }
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        done.set(true);
        goodLoop.join(30_000);
        pusher.join(30_000);
        pool.shutdown();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        int ioFailures = 0;
        AtomicInteger toolFailures = new AtomicInteger();
        for (Outcome outcome : outcomes) {
            if (outcome.failure() != null) {
                ioFailures++;
                if (!outcome.probe().kind().equals("huge-body")) { // 413 + Connection: close may cut the upload
                    problems.add(outcome.probe().kind() + ": " + outcome.failure());
                }
                continue;
            }
            byStatus.computeIfAbsent(outcome.probe().kind() + " " + outcome.status(), k -> new AtomicInteger())
                .incrementAndGet();
            boolean capped = outcome.status() == 503 && outcome.probe().mayBeCapped() && outcome.retryAfter() != null;
            if (outcome.status() >= 500 && !capped) {
                problems.add(outcome.probe().kind() + " answered " + outcome.status() + ": " + outcome.body());
            }
            if (outcome.body().contains("\"isError\":true")) {
                toolFailures.incrementAndGet(); // the echo tool's own code fails on arguments that are no string
            }
            for (String leak : LEAKS) {
                if (outcome.body().contains(leak)) {
                    problems.add(outcome.probe().kind() + " leaked '" + leak + "': " + outcome.body());
                }
            }
        }
        System.out.printf("hostile suite: %d messages (+%d duplicate-id pairs) from %d connections in %d ms; "
                + "good session made %d calls; %d uploads cut after 413; %d tool-failure results; outcomes %s%n",
                probes.size(), 40, CONNECTIONS, millis, goodCalls.get(), ioFailures, toolFailures.get(), new java.util.TreeMap<>(byStatus));

        assertThat(probes).hasSizeGreaterThan(3000);
        assertThat(problems).as("5xx, leaks or failed exchanges").isEmpty();
        assertThat(duplicateFailures).as("duplicate in-flight ids").isEmpty();
        assertThat(goodFailures).as("the good session's answers").isEmpty();
        assertThat(goodCalls.get()).isGreaterThan(50);
        assertThat(byStatus.keySet()).as("the session flood hit the cap").anyMatch(k -> k.equals("flood 503"));
        assertThat(stuckFailures).as("stuck readers").isEmpty();
        for (StuckSseReader reader : stuckReaders) {
            reader.close();
        }

        // drop what this test itself holds (the probes' bodies, the answers, the clients' connection pools)
        probes.clear();
        outcomes.clear();
        futures.clear();
        java.util.Arrays.fill(clients, null);

        // the flood's and the hostile sessions expire (5 s idle); then the heap is back near its baseline
        good.deleteSession();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sessions.sessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(sessions.sessionCount()).isZero();
        long after = usedAfterGc(memory);
        // slack: JIT/class metadata are off-heap, but lazily built caches (Tomcat's, Jackson's, the JDK
        // HttpClient's connection pools of this test) stay on it; 32 MB is well below what leaking a fraction of
        // the ~5000 bodies (several MB each for the huge ones) or of 150+ sessions would add up to
        assertThat(after - baseline).as("heap growth after GC (baseline %d, after %d)", baseline, after)
            .isLessThan(32L * 1024 * 1024);
    }

    /**
     * Pushes {@value #STUCK_PUSHES} notifications of 32 KB to each stuck reader's session, about 5 MB each, then
     * checks that the stuck connections were dropped: a new GET stream of the session is no conflict. (Done here,
     * at once: the sessions expire 5 s after their stream is dropped.)
     */
    private void pushTo(List<McpTestClient> stuckClients, List<String> failures) {
        JsonRpcMessage.Notification big = new JsonRpcMessage.Notification("notifications/message",
                JSON.valueToTree(Map.of("level", "info", "data", "p".repeat(32 * 1024))));
        for (int i = 0; i < STUCK_PUSHES; i++) {
            for (McpTestClient client : stuckClients) {
                if (!sessions.sendToSession(client.sessionId(), big)) {
                    failures.add("session " + client.sessionId() + " gone during the push " + i);
                }
            }
        }
        for (McpTestClient client : stuckClients) {
            try (SseSubscription fresh = client.openStream()) {
                if (fresh.status() != 200) {
                    failures.add("a new GET of a session whose reader was stuck got " + fresh.status());
                }
            }
            catch (RuntimeException ex) {
                failures.add("a new GET of a session whose reader was stuck failed: " + ex);
            }
            client.deleteSession();
        }
    }

    static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private void duplicateInFlight(McpTestClient client, int n, List<String> failures) {
        try {
            TestTools.Gate gate = TestTools.gate("dup-" + n + "-" + System.nanoTime());
            var first = client.post(client.message("dup-" + n, "tools/call",
                    Map.of("name", "gate", "arguments", Map.of("name", gate.name)))).sendAsync();
            gate.awaitEntered(); // the first is in flight now, and stays so until the gate opens
            var second = client.post(client.message("dup-" + n, "tools/call",
                    Map.of("name", "echo", "arguments", Map.of("text", "again")))).send();
            gate.open();
            JsonNode error = second.json().path("error");
            if (second.status() != 200 || error.path("code").asInt() != ErrorCodes.INVALID_REQUEST) {
                failures.add("duplicate " + n + ": " + second);
            }
            var answer = first.get(10, TimeUnit.SECONDS);
            if (!("passed " + gate.name).equals(text(answer.result()))) {
                failures.add("first of duplicate " + n + ": " + answer);
            }
        }
        catch (Exception | AssertionError ex) {
            failures.add("duplicate " + n + ": " + ex);
        }
        finally {
            client.deleteSession();
        }
    }

    private Outcome send(HttpClient http, Probe probe) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                .timeout(Duration.ofSeconds(20));
            probe.headers().forEach(request::setHeader);
            request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Outcome(probe, response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null), null);
        }
        catch (Exception ex) {
            return new Outcome(probe, -1, "", null, ex.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------ generation

    private List<Probe> generate(Random random, List<String> hostileSessions) {
        List<Probe> probes = new ArrayList<>();
        Supplier<String> session = () -> hostileSessions.get(random.nextInt(hostileSessions.size()));
        List<String> templates = List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"},\"_meta\":{\"progressToken\":\"p\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"cursor\":\"abc\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///x\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"prompts/get\",\"params\":{\"name\":\"p\",\"arguments\":{\"a\":\"b\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"name\":\"a\",\"value\":\"b\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"file:///x\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,\"reason\":\"r\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":\"p\",\"progress\":1}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{\"roots\":[]}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s-2\",\"error\":{\"code\":-1,\"message\":\"m\",\"data\":{}}}");
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"roots\":{\"listChanged\":true},\"sampling\":{},\"elicitation\":{}},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";

        // wrong types in every field (every path of every template, every wrong value)
        for (String template : templates) {
            JsonNode tree = JSON.readTree(template);
            for (String path : paths(tree, "")) {
                for (String wrong : WRONG) {
                    probes.add(post("wrong-type", session.get(), replace(tree, path, wrong), false));
                }
            }
        }
        JsonNode init = JSON.readTree(initialize);
        for (String path : paths(init, "")) {
            for (String wrong : WRONG) {
                probes.add(post("wrong-type-initialize", null, replace(init, path, wrong), true));
            }
        }
        // fuzzed JSON: truncations, flipped, inserted and deleted bytes
        for (int i = 0; i < 1200; i++) {
            byte[] body = templates.get(random.nextInt(templates.size())).getBytes(StandardCharsets.UTF_8);
            probes.add(post("fuzz", session.get(), mutate(body, random), false));
        }
        // bad ids
        for (String template : templates) {
            if (template.contains("\"id\":")) {
                for (String id : BAD_IDS) {
                    probes.add(post("bad-id", session.get(),
                            template.replaceFirst("\"id\":(\"[^\"]*\"|\\d+)", "\"id\":" + Matcher.quote(id))
                                .getBytes(StandardCharsets.UTF_8), false));
                }
            }
        }
        // responses to unknown ids
        for (int i = 0; i < 200; i++) {
            Object id = i % 2 == 0 ? (Object) ("unknown-" + i) : (Object) (1_000_000L + i);
            String body = i % 3 == 0
                    ? "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(id) + ",\"error\":{\"code\":-32000,\"message\":\"no\"}}"
                    : "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(id) + ",\"result\":{\"x\":[1,2]}}";
            probes.add(post("unknown-response", session.get(), body.getBytes(StandardCharsets.UTF_8), false));
        }
        // deep nesting, long strings, long numbers, long names
        for (int depth : new int[] { 65, 100, 1000, 5000, 50_000 }) {
            for (int i = 0; i < 20; i++) {
                String open = i % 2 == 0 ? "[" : "{\"a\":";
                String close = i % 2 == 0 ? "]" : "}";
                probes.add(post("deep", session.get(), ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"_meta\":"
                        + open.repeat(depth) + "1" + close.repeat(depth) + "}}").getBytes(StandardCharsets.UTF_8), false));
            }
        }
        for (int i = 0; i < 40; i++) {
            probes.add(post("long-number", session.get(), ("{\"jsonrpc\":\"2.0\",\"id\":" + "7".repeat(101 + i * 50)
                    + ",\"method\":\"ping\"}").getBytes(StandardCharsets.UTF_8), false));
            probes.add(post("long-name", session.get(), ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\""
                    + "n".repeat(1025 + i * 100) + "\":1}}").getBytes(StandardCharsets.UTF_8), false));
            probes.add(post("long-string", session.get(), ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\""
                    + "\\u00e9".repeat(20_000 + i * 1000) + "\"}}}").getBytes(StandardCharsets.UTF_8), false));
        }
        // huge bodies over the 256 KB limit, with and without Content-Length
        for (int i = 0; i < 30; i++) {
            byte[] huge = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                    + "h".repeat(300_000 + i * 50_000) + "\"}}").getBytes(StandardCharsets.UTF_8);
            probes.add(post("huge-body", session.get(), huge, false));
        }
        // invalid UTF-8 in strings, names and structure
        String[] invalid = { "80", "bf", "c0af", "c1bf", "e080af", "eda080", "edbfbf", "f4908080", "f5", "ff", "fe",
                "c3", "e282", "f09f98" };
        for (int i = 0; i < 300; i++) {
            byte[] base = templates.get(random.nextInt(templates.size())).getBytes(StandardCharsets.UTF_8);
            byte[] bad = java.util.HexFormat.of().parseHex(invalid[i % invalid.length]);
            int at = 1 + random.nextInt(base.length - 1);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(base, 0, at);
            body.writeBytes(bad);
            body.write(base, at, base.length - at);
            probes.add(post("invalid-utf8", session.get(), body.toByteArray(), false));
        }
        // odd headers
        byte[] ping = templates.get(7).getBytes(StandardCharsets.UTF_8);
        String[][] odd = {
                { "Accept", "text/html" }, { "Accept", "" }, { "Accept", "*/*;q=0" }, { "Accept", "application/*" },
                { "Content-Type", "text/plain" }, { "Content-Type", "application/json; charset=latin1" },
                { "Content-Type", "application/jsonx" }, { "Content-Type", "multipart/form-data; boundary=x" },
                { "Mcp-Session-Id", "" }, { "Mcp-Session-Id", "not-a-session" }, { "Mcp-Session-Id", "x".repeat(4000) },
                { "Mcp-Session-Id", "../../etc/passwd" }, { "MCP-Protocol-Version", "1999-01-01" },
                { "MCP-Protocol-Version", "x".repeat(500) }, { "MCP-Protocol-Version", "2025-03-26" },
                { "Origin", "https://evil.example" }, { "Origin", "null" }, { "Origin", "http://localhost.evil.example" },
                { "Last-Event-ID", "get:999999999" }, { "X-Forwarded-Host", "evil.example" } };
        for (int round = 0; round < 12; round++) {
            for (String[] header : odd) {
                Map<String, String> headers = new java.util.HashMap<>(baseHeaders(session.get()));
                headers.put(header[0], header[1]);
                probes.add(new Probe("odd-header", "POST", headers, ping, false));
            }
            for (String method : new String[] { "PUT", "PATCH", "OPTIONS" }) {
                probes.add(new Probe("odd-method", method, baseHeaders(session.get()), ping, false));
            }
            Map<String, String> get = new java.util.HashMap<>(Map.of("Accept", "text/event-stream",
                    "Mcp-Session-Id", session.get(), "Last-Event-ID", round % 2 == 0 ? "nonsense" : "r999:1"));
            probes.add(new Probe("bad-resume", "GET", get, null, false));
            probes.add(new Probe("get-without-session", "GET", Map.of("Accept", "text/event-stream"), null, false));
            probes.add(new Probe("delete-unknown", "DELETE", Map.of("Mcp-Session-Id", "unknown-" + round), null, false));
        }
        // session flood: far more initializes than the cap of 150 allows
        for (int i = 0; i < 400; i++) {
            probes.add(post("flood", null, initialize.getBytes(StandardCharsets.UTF_8), true));
        }
        return probes;
    }

    private static final class Matcher {
        static String quote(String replacement) {
            return java.util.regex.Matcher.quoteReplacement(replacement);
        }
    }

    private static Map<String, String> baseHeaders(String sessionId) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", McpTestClient.ACCEPT_JSON_AND_SSE);
        headers.put("MCP-Protocol-Version", McpTestClient.DEFAULT_PROTOCOL_VERSION);
        if (sessionId != null) {
            headers.put("Mcp-Session-Id", sessionId);
        }
        return headers;
    }

    private static Probe post(String kind, String sessionId, byte[] body, boolean mayBeCapped) {
        return new Probe(kind, "POST", baseHeaders(sessionId), body, mayBeCapped);
    }

    private static Probe post(String kind, String sessionId, String body, boolean mayBeCapped) {
        return post(kind, sessionId, body.getBytes(StandardCharsets.UTF_8), mayBeCapped);
    }

    /** JSON pointers of every value in the tree, the root excluded. */
    private static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                String path = prefix + "/" + name;
                paths.add(path);
                paths.addAll(paths(node.get(name), path));
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String path = prefix + "/" + i;
                paths.add(path);
                paths.addAll(paths(node.get(i), path));
            }
        }
        return paths;
    }

    /** The tree's JSON text with the value at {@code path} replaced by raw JSON {@code value}. */
    private static String replace(JsonNode tree, String path, String value) {
        String marker = "\"__WRONG__\"";
        JsonNode copy = tree.deepCopy();
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash == 0 ? copy : copy.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent instanceof tools.jackson.databind.node.ObjectNode object) {
            object.put(last, "__WRONG__");
        }
        else if (parent instanceof tools.jackson.databind.node.ArrayNode array) {
            array.set(Integer.parseInt(last), array.stringNode("__WRONG__"));
        }
        return JSON.writeValueAsString(copy).replace(marker, value);
    }

    private static byte[] mutate(byte[] body, Random random) {
        byte[] out = body.clone();
        switch (random.nextInt(5)) {
            case 0 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length));
            case 1 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
            case 2 -> {
                int at = random.nextInt(out.length);
                byte[] chars = "{}[]\",:\\ 0-e.tnu".getBytes(StandardCharsets.US_ASCII);
                byte[] grown = new byte[out.length + 1];
                System.arraycopy(out, 0, grown, 0, at);
                grown[at] = chars[random.nextInt(chars.length)];
                System.arraycopy(out, at, grown, at + 1, out.length - at);
                out = grown;
            }
            case 3 -> {
                int at = random.nextInt(out.length);
                byte[] shrunk = new byte[out.length - 1];
                System.arraycopy(out, 0, shrunk, 0, at);
                System.arraycopy(out, at + 1, shrunk, at, out.length - at - 1);
                out = shrunk;
            }
            default -> {
                for (int i = 0; i < 3; i++) {
                    out[random.nextInt(out.length)] = (byte) (random.nextInt(95) + 32);
                }
            }
        }
        return out;
    }
}
