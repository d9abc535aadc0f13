package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.protocol.internal.ProtocolVersions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link InputRounds} and {@link RequestStateSealer}: keys, answers, and what a sealed state is bound to. */
class InputRoundsTest {

    static final JsonRpcCodec CODEC = new JsonRpcCodec(McpJsonMapper.create());

    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    final RequestStateSealer sealer = RequestStateSealer.withSecret("unit-test-secret");

    @Test
    void keysAreTheChosenNameOrTheKindAndTheirCountInTheRun() {
        InputRounds rounds = start(params(), "ann", NOW);

        rounds.call(null, McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class);
        rounds.call(null, McpMethods.SAMPLING_CREATE_MESSAGE, question("b"), SamplingResult.class);
        rounds.call("pick", McpMethods.SAMPLING_CREATE_MESSAGE, question("c"), SamplingResult.class);
        rounds.call("pick", McpMethods.SAMPLING_CREATE_MESSAGE, question("d"), SamplingResult.class);

        assertThat(rounds.inputRequiredResult().path("inputRequests").propertyNames())
            .containsExactly("sampling-1", "sampling-2", "pick", "pick-2");
    }

    @Test
    void anAnswerIsGivenOnlyToTheQuestionItAnswers() {
        InputRounds first = start(params(), "ann", NOW);
        first.call(null, McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class);
        ObjectNode retry = retry(params(), first, Map.of("sampling-1", Map.of("role", "assistant", "content",
                Map.of("type", "text", "text", "yes"), "model", "m")));

        InputRounds sameQuestion = start(retry, "ann", NOW);
        CompletableFuture<SamplingResult> answered = sameQuestion.call(null, McpMethods.SAMPLING_CREATE_MESSAGE,
                question("a"), SamplingResult.class);
        assertThat(answered.join().text()).isEqualTo("yes");

        InputRounds otherQuestion = start(retry, "ann", NOW);
        CompletableFuture<SamplingResult> asked = otherQuestion.call(null, McpMethods.SAMPLING_CREATE_MESSAGE,
                question("something else"), SamplingResult.class);
        assertThat(asked).isCompletedExceptionally();
        assertThat(otherQuestion.hasInputRequests()).isTrue();
    }

    @Test
    void aRetryWithAStateAnswersOnlyTheQuestionsOfTheRoundBeforeAndCannotChangeAnEarlierAnswer() {
        InputRounds first = start(params(), "ann", NOW);
        first.call("step1", McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class);
        InputRounds second = start(retry(params(), first, Map.of("step1", text("sealed"))), "ann", NOW);
        assertThat(second.call("step1", McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class)
            .join().text()).isEqualTo("sealed");
        second.call("step2", McpMethods.SAMPLING_CREATE_MESSAGE, question("b"), SamplingResult.class);

        // the third round tries to change step1 and to answer step3 before it is asked
        InputRounds third = start(retry(params(), second, Map.of("step1", text("changed"), "step2", text("two"),
                "step3", text("early"))), "ann", NOW);
        assertThat(third.call("step1", McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class)
            .join().text()).isEqualTo("sealed");
        assertThat(third.call("step2", McpMethods.SAMPLING_CREATE_MESSAGE, question("b"), SamplingResult.class)
            .join().text()).isEqualTo("two");
        assertThat(third.call("step3", McpMethods.SAMPLING_CREATE_MESSAGE, question("c"), SamplingResult.class))
            .isCompletedExceptionally();
        assertThat(third.hasInputRequests()).isTrue();
    }

    @Test
    void aStateTheClientCouldNotSendBackIsNeverIssued() {
        InputRounds first = start(params(), "ann", NOW, 2_000);
        first.call("step1", McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class);
        ObjectNode retry = retry(params(), first, Map.of("step1", text("x".repeat(3_000))));
        InputRounds second = start(retry, "ann", NOW, 2_000);
        second.call("step1", McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class).join();
        second.call("step2", McpMethods.SAMPLING_CREATE_MESSAGE, question("b"), SamplingResult.class);

        assertThatExceptionOfType(McpException.class).isThrownBy(second::inputRequiredResult)
            .withMessageContaining("too large to carry to the next round")
            .withMessageContaining("at most 2000 (half of mcp.server.transport.max-body-size)");
    }

    @Test
    void aStateIsBoundToItsPrincipal() {
        InputRounds first = start(params(), "ann", NOW);
        first.call(null, McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class);
        ObjectNode retry = retry(params(), first, Map.of());

        assertThatExceptionOfType(McpException.class).isThrownBy(() -> start(retry, "bob", NOW))
            .withMessageContaining("issued to another caller");
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> start(retry, null, NOW))
            .withMessageContaining("issued to another caller");
        assertThat(start(retry, "ann", NOW).hasInputRequests()).isFalse();
    }

    @Test
    void aStateExpiresAndParamsMustStayTheSame() {
        InputRounds first = start(params(), "ann", NOW);
        first.call(null, McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class);
        ObjectNode retry = retry(params(), first, Map.of());

        Clock later = Clock.offset(NOW, Duration.ofMinutes(11));
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> start(retry, "ann", later))
            .withMessageContaining("expired");

        ObjectNode otherArguments = retry.deepCopy();
        otherArguments.putObject("arguments").put("x", 2);
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> start(otherArguments, "ann", NOW))
            .withMessageContaining("issued for another request");

        ObjectNode reordered = CODEC.mapper().createObjectNode();
        reordered.set("requestState", retry.get("requestState"));
        reordered.set("arguments", retry.get("arguments"));
        reordered.set("name", retry.get("name"));
        assertThat(start(reordered, "ann", NOW).hasInputRequests()).isFalse();
    }

    record Item(String name, int count) {
    }

    @Test
    void aGenericValueComesBackAsItsFullTypeInTheNextRound() {
        InputRounds first = start(params(), "ann", NOW);
        first.values().put("items", List.of(new Item("bolt", 3)));
        first.call("q", McpMethods.SAMPLING_CREATE_MESSAGE, question("a"), SamplingResult.class);

        InputRounds second = start(retry(params(), first, Map.of("q", text("ok"))), "ann", NOW);
        ParameterizedTypeReference<List<Item>> items = new ParameterizedTypeReference<>() {
        };
        assertThat(second.values().get("items", items)).contains(List.of(new Item("bolt", 3)));
        assertThat(second.values().computeIfAbsent("items", items, List::of)).containsExactly(new Item("bolt", 3));
        assertThat(second.values().computeIfAbsent("more", items, () -> List.of(new Item("nut", 1))))
            .containsExactly(new Item("nut", 1));
        assertThat(second.values().get("more", items)).contains(List.of(new Item("nut", 1)));
    }

    @Test
    void theSealerRefusesWhatItDidNotSealAndOpensWhatAnotherSealerWithTheSameSecretSealed() {
        String sealed = sealer.seal("hello".getBytes());
        assertThat(new String(RequestStateSealer.withSecret("unit-test-secret").open(sealed))).isEqualTo("hello");
        assertThat(RequestStateSealer.withSecret("other").open(sealed)).isNull();
        assertThat(sealer.open(sealed + "-TAMPERED")).isNull();
        assertThat(sealer.open(sealed.substring(0, 10))).isNull();
        assertThat(sealer.open("not base64 !")).isNull();
        assertThat(sealer.seal("hello".getBytes())).as("a fresh nonce every time").isNotEqualTo(sealed);
    }

    private InputRounds start(ObjectNode params, String principal, Clock clock) {
        return start(params, principal, clock, 1_000_000);
    }

    private InputRounds start(ObjectNode params, String principal, Clock clock, int maxStateLength) {
        return InputRounds.start(McpMethods.TOOLS_CALL, params, principal, CODEC, new ModernSettings(
                ProtocolVersions.all(), sealer, Duration.ofMinutes(10), maxStateLength,
                new ModernSettings.CachingHints(Duration.ZERO, "public", Duration.ZERO, "private")), clock);
    }

    private static Map<String, Object> text(String text) {
        return Map.of("role", "assistant", "content", Map.of("type", "text", "text", text), "model", "m");
    }

    private static ObjectNode params() {
        ObjectNode params = CODEC.mapper().createObjectNode().put("name", "tool");
        params.putObject("arguments").put("x", 1);
        return params;
    }

    private static ObjectNode retry(ObjectNode params, InputRounds previous, Map<String, Object> answers) {
        ObjectNode retry = params.deepCopy();
        JsonNode result = previous.inputRequiredResult();
        retry.set("requestState", result.get("requestState"));
        retry.set("inputResponses", CODEC.mapper().valueToTree(answers));
        return retry;
    }

    private static SamplingRequest question(String text) {
        return SamplingRequest.ofUserText(text, 10);
    }
}
