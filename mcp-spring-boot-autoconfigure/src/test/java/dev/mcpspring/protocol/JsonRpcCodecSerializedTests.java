package dev.mcpspring.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.IntNode;

/**
 * {@link JsonRpcCodec#serialized}: a result written out as UTF-8 when the handler returns reads back as the value,
 * whether the message around it is written as UTF-8 (as every transport does) or as characters, and however long;
 * {@link JsonRpcCodec#serializedWith} adds members after an object's own.
 */
class JsonRpcCodecSerializedTests {

    private static final JsonRpcCodec CODEC = new JsonRpcCodec(McpJsonMapper.create());

    @Test
    void aResultWrittenInAMessageAsUtf8ReadsBackAsTheValue() {
        CallToolResult result = CallToolResult.text("héllo, wörld \u2603 \uD83D\uDE00 \"quoted\"\n");

        String json = new String(CODEC.write(response(result)), StandardCharsets.UTF_8);

        assertThat(CODEC.mapper().readTree(json).path("result")).isEqualTo(CODEC.mapper().valueToTree(result));
    }

    @Test
    void aResultWrittenInAMessageAsCharactersReadsBackAsTheValue() {
        CallToolResult result = CallToolResult.text("héllo \u2603 \uD83D\uDE00");

        String json = CODEC.mapper().writeValueAsString(response(result));

        assertThat(CODEC.mapper().readTree(json).path("result")).isEqualTo(CODEC.mapper().valueToTree(result));
    }

    @Test
    void aResultLongerThanTheGeneratorsBufferIsWrittenWhole() {
        CallToolResult result = CallToolResult.text("ä".repeat(20_000) + "end");

        JsonRpcMessage.Response response = response(result);
        JsonNode written = CODEC.mapper().readTree(CODEC.write(response));
        JsonNode twice = CODEC.mapper().readTree(CODEC.write(response)); // its bytes are copied, not used up

        assertThat(written.path("result")).isEqualTo(CODEC.mapper().valueToTree(result));
        assertThat(twice).isEqualTo(written);
    }

    @Test
    void membersFollowTheObjectsOwn() {
        byte[] members = "\"resultType\":\"complete\",\"n\":1".getBytes(StandardCharsets.UTF_8);

        JsonNode result = CODEC.serializedWith(CallToolResult.text("a \u2603"), members);

        assertThat(CODEC.mapper().writeValueAsString(result))
            .isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"a \u2603\"}],\"resultType\":\"complete\",\"n\":1}");
    }

    @Test
    void membersOfAnEmptyObjectAreItsOnlyOnes() {
        JsonNode result = CODEC.serializedWith(Map.of(), "\"n\":1".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(CODEC.write(result), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }

    @Test
    void membersFollowWhatAnIndentingMapperWrites() {
        JsonRpcCodec indenting = new JsonRpcCodec(
                McpJsonMapper.create().rebuild().enable(SerializationFeature.INDENT_OUTPUT).build());
        byte[] members = "\"n\":1".getBytes(StandardCharsets.UTF_8);

        JsonNode empty = indenting.serializedWith(Map.of(), members);
        JsonNode one = indenting.serializedWith(Map.of("a", true), members);

        assertThat(CODEC.mapper().readTree(CODEC.write(empty))).isEqualTo(CODEC.mapper().readTree("{\"n\":1}"));
        assertThat(CODEC.mapper().readTree(CODEC.write(one)))
            .isEqualTo(CODEC.mapper().readTree("{\"a\":true,\"n\":1}"));
    }

    @Test
    void onlyAnObjectTakesMembers() {
        byte[] members = "\"n\":1".getBytes(StandardCharsets.UTF_8);

        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.serializedWith(List.of(1), members))
            .withMessageContaining("not written as a JSON object");
        assertThatIllegalArgumentException().isThrownBy(() -> CODEC.serializedWith("text", members));
    }

    private static JsonRpcMessage.Response response(Object result) {
        return new JsonRpcMessage.Response(IntNode.valueOf(7), CODEC.serialized(result));
    }
}
