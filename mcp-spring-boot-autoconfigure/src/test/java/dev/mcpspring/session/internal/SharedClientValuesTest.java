package dev.mcpspring.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Icon;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.ProtocolVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SharedClientValues} and {@link SessionState}: sessions of one client share its {@code clientInfo} and
 * capabilities, every flag survives, and large or endless distinct values are not kept.
 */
class SharedClientValuesTest {

    private static final JsonMapper JSON = McpJsonMapper.create();

    private static final JsonRpcCodec CODEC = new JsonRpcCodec(JSON);

    private static final String CAPABILITIES = "{\"roots\":{\"listChanged\":true},\"sampling\":{\"tools\":{}},"
            + "\"elicitation\":{\"form\":{},\"url\":{}},\"tasks\":{\"list\":{}},"
            + "\"experimental\":{\"x-vendor\":{\"level\":3,\"modes\":[\"a\",\"b\"]}}}";

    @Test
    void sessionsThatDeclareTheSameShareOneInstanceOfEach() {
        SessionState first = initialized(CAPABILITIES, "{\"name\":\"bench-client\",\"version\":\"1.0.0\"}");
        SessionState second = initialized(CAPABILITIES, "{\"name\":\"bench-client\",\"version\":\"1.0.0\"}");

        assertThat(second.clientCapabilities()).isSameAs(first.clientCapabilities());
        assertThat(second.clientInfo()).isSameAs(first.clientInfo());
    }

    @Test
    void everyFlagTheClientSentIsStillThere() {
        SessionState session = initialized(CAPABILITIES, "{\"name\":\"flags\",\"version\":\"2\"}");
        ClientCapabilities capabilities = session.clientCapabilities();

        assertThat(capabilities.hasRoots()).isTrue();
        assertThat(capabilities.roots().get("listChanged").asBoolean()).isTrue();
        assertThat(capabilities.sampling().has("tools")).isTrue();
        assertThat(capabilities.sampling().has("context")).isFalse();
        assertThat(capabilities.elicitation().has("url")).isTrue();
        assertThat(capabilities.tasks().has("list")).isTrue();
        assertThat(capabilities.experimental().get("x-vendor").get("modes").get(1).asString()).isEqualTo("b");
        assertThat(session.clientInfo()).isEqualTo(new Implementation("flags", "2"));
    }

    @Test
    void differentDeclarationsAreNotMixedUp() {
        SessionState roots = initialized("{\"roots\":{\"listChanged\":true}}", "{\"name\":\"c\",\"version\":\"1\"}");
        SessionState rootsNoList = initialized("{\"roots\":{\"listChanged\":false}}",
                "{\"name\":\"c\",\"version\":\"2\"}");

        assertThat(rootsNoList.clientCapabilities()).isNotSameAs(roots.clientCapabilities());
        assertThat(rootsNoList.clientCapabilities().roots().get("listChanged").asBoolean()).isFalse();
        assertThat(rootsNoList.clientInfo().version()).isEqualTo("2");
    }

    @Test
    void noCapabilitiesAreNone() {
        SessionState session = new SessionState("s", null);

        session.initialize(ProtocolVersion.LATEST, null, null);

        assertThat(session.clientCapabilities()).isSameAs(ClientCapabilities.NONE);
        assertThat(session.clientInfo()).isNull();
    }

    @Test
    void theNegotiatedVersionIsTheSharedConstant() {
        SessionState session = new SessionState("s", null);

        session.initialize(new String(ProtocolVersion.V2025_06_18), null, null);

        assertThat(session.protocolVersion()).isSameAs(ProtocolVersion.V2025_06_18);
    }

    @Test
    void largeValuesAreKeptUnshared() {
        String big = "x".repeat(SharedClientValues.MAX_CHARS + 1);
        Implementation info = new Implementation("big", null, "1", big, null, null);
        Implementation manyIcons = new Implementation("icons", null, "1", null,
                Collections.nCopies(SharedClientValues.MAX_NODES + 1, new Icon("data:,", null, null, null)),
                null);
        String manyNodes = "{\"experimental\":{\"x\":[" + "0,".repeat(SharedClientValues.MAX_NODES) + "0]}}";
        ClientCapabilities many = capabilities(manyNodes);
        ClientCapabilities longText = capabilities("{\"experimental\":{\"x\":{\"k\":\"" + big + "\"}}}");

        assertThat(SharedClientValues.share(info)).isSameAs(info);
        assertThat(SharedClientValues.share(new Implementation("big", null, "1", big, null, null))).isNotSameAs(info);
        assertThat(SharedClientValues.share(manyIcons)).isSameAs(manyIcons);
        assertThat(SharedClientValues.share(many)).isSameAs(many);
        assertThat(SharedClientValues.share(capabilities(manyNodes))).isNotSameAs(many);
        assertThat(SharedClientValues.share(longText)).isSameAs(longText);
    }

    @Test
    void aClientSendingNewValuesEveryTimeCannotGrowTheTables() {
        for (int i = 0; i < 5_000; i++) {
            SessionState session = initialized("{\"experimental\":{\"nonce\":" + i + "}}",
                    "{\"name\":\"hostile\",\"version\":\"" + i + "\"}");
            assertThat(session.clientInfo().version()).isEqualTo(String.valueOf(i));
            assertThat(session.clientCapabilities().experimental().get("nonce").asInt()).isEqualTo(i);
        }

        assertThat(SharedClientValues.sharedClientInfos()).isLessThanOrEqualTo(SharedClientValues.MAX_ENTRIES);
        assertThat(SharedClientValues.sharedCapabilities()).isLessThanOrEqualTo(SharedClientValues.MAX_ENTRIES);
        // and sharing goes on for everyone else
        SessionState first = initialized(CAPABILITIES, "{\"name\":\"after\",\"version\":\"1\"}");
        SessionState second = initialized(CAPABILITIES, "{\"name\":\"after\",\"version\":\"1\"}");
        assertThat(second.clientInfo()).isSameAs(first.clientInfo());
        assertThat(second.clientCapabilities()).isSameAs(first.clientCapabilities());
    }

    private static SessionState initialized(String capabilities, String clientInfo) {
        SessionState session = new SessionState("s", null);
        session.initialize(ProtocolVersion.LATEST, CODEC.bindParams(JSON.readTree(clientInfo),
                Implementation.class), capabilities(capabilities));
        return session;
    }

    private static ClientCapabilities capabilities(String json) {
        JsonNode tree = JSON.readTree(json);
        return CODEC.bindParams(tree, ClientCapabilities.class);
    }
}
