package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.server.ResourceUpdates;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;

/**
 * {@code resources/subscribe} and {@code resources/unsubscribe}, and the {@link ResourceUpdates} bean the
 * application calls when a resource changes: {@code notifications/resources/updated} reaches the subscribed
 * sessions and no other.
 */
@RegistryHttpTest
class ResourceSubscriptionHttpTests extends RegistryHttpTestSupport {

    static final String UPDATED = "notifications/resources/updated";

    static final String SETTINGS = "config://app/settings";

    static final String TODAY = "notes://today";

    @Autowired
    ResourceUpdates updates;

    @Autowired
    SessionManager sessions;

    @Test
    void theAutoConfiguredBeanUsesTheApplicationsSessionManager() {
        assertThat(sessions).isInstanceOf(RecordingSessionManager.class);
        McpTestClient client = connected();
        assertThat(subscribe(client, SETTINGS).result().isObject()).isTrue();

        updates.resourceUpdated(SETTINGS);

        assertThat(routedUpdates(client)).as("updates routed through the application's session manager")
            .containsExactly(SETTINGS);
    }

    @Test
    void aSessionsSubscriptionsAreBoundedAndAnUnsubscribeMakesRoom() {
        McpTestClient client = connected();
        for (int i = 0; i < 1_000; i++) { // mcp.server.session.max-subscriptions
            assertThat(subscribe(client, "users://" + i + "/profile").status()).isEqualTo(200);
        }

        McpResponse refused = subscribe(client, "users://1000/profile");
        assertThat(refused.errorCode()).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(refused.errorMessage()).contains("1001 resource subscriptions are more than the 1000",
                "mcp.server.session.max-subscriptions", "unsubscribe from one first");
        assertThat(subscribe(connected(), "users://1000/profile").status()).as("another session's own bound")
            .isEqualTo(200);
        assertThat(unsubscribe(client, "users://0/profile").status()).isEqualTo(200);
        assertThat(subscribe(client, "users://1000/profile").status()).isEqualTo(200);
    }

    @Test
    void aSubscriptionsUriIsBounded() {
        McpResponse refused = subscribe(connected(), "users://" + "x".repeat(8_000) + "/profile");

        assertThat(refused.errorCode()).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(refused.errorMessage()).contains("a URI has 8016 characters", "at most 8000");
    }

    @Test
    void onlyTheSubscribedSessionHearsOfAnUpdate() {
        McpTestClient subscriber = connected();
        McpTestClient bystander = connected();
        try (SseSubscription subscriberStream = openStream(subscriber);
                SseSubscription bystanderStream = openStream(bystander)) {
            assertThat(subscribe(subscriber, SETTINGS).result().isObject()).isTrue();
            assertThat(subscribe(bystander, TODAY).result().isObject()).isTrue();

            updates.resourceUpdated(SETTINGS);

            JsonNode message = nextNotificationMessage(subscriberStream);
            assertThat(message.path("method").asString()).isEqualTo(UPDATED);
            assertThat(message.path("params").path("uri").asString()).isEqualTo(SETTINGS);

            // the bystander's next message is about its own subscription, so it got nothing for SETTINGS
            updates.resourceUpdated(TODAY);
            assertUpdated(bystanderStream, TODAY);
            assertThat(routedUpdates(bystander)).containsExactly(TODAY);
            assertThat(routedUpdates(subscriber)).containsExactly(SETTINGS);
        }
    }

    @Test
    void everySubscribedSessionHearsOfAnUpdate() {
        McpTestClient alice = connected();
        McpTestClient bob = connected();
        try (SseSubscription aliceStream = openStream(alice); SseSubscription bobStream = openStream(bob)) {
            subscribe(alice, TODAY).result();
            subscribe(bob, TODAY).result();

            updates.resourceUpdated(TODAY);

            assertUpdated(aliceStream, TODAY);
            assertUpdated(bobStream, TODAY);
        }
    }

    @Test
    void subscribingTwiceGivesOneNotificationPerUpdate() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            subscribe(client, TODAY).result();
            subscribe(client, TODAY).result();
            subscribe(client, SETTINGS).result();

            updates.resourceUpdated(TODAY);
            updates.resourceUpdated(SETTINGS);

            assertUpdated(stream, TODAY);
            assertUpdated(stream, SETTINGS);
        }
    }

    @Test
    void afterUnsubscribeTheSessionHearsNothingMore() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            subscribe(client, SETTINGS).result();
            subscribe(client, TODAY).result();
            updates.resourceUpdated(SETTINGS);
            assertUpdated(stream, SETTINGS);

            assertThat(unsubscribe(client, SETTINGS).result().isObject()).isTrue();
            updates.resourceUpdated(SETTINGS);
            updates.resourceUpdated(TODAY);

            assertUpdated(stream, TODAY);
            assertThat(routedUpdates(client)).containsExactly(SETTINGS, TODAY);
        }
    }

    @Test
    void unsubscribingWhatWasNeverSubscribedIsHarmless() {
        McpTestClient client = connected();

        assertThat(unsubscribe(client, TODAY).result().isObject()).isTrue();
        assertThat(unsubscribe(client, "nowhere://at/all").result().isObject()).isTrue();
    }

    @Test
    void aTemplateExpansionCanBeSubscribedToOnItsOwn() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            subscribe(client, "docs://recipes/bread").result();

            updates.resourceUpdated("docs://recipes/cake");
            updates.resourceUpdated("docs://{folder}/{name}");
            updates.resourceUpdated("docs://recipes/bread");

            assertUpdated(stream, "docs://recipes/bread");
            assertThat(routedUpdates(client)).containsExactly("docs://recipes/bread");
        }
    }

    @Test
    void subscribingToAnUnknownResourceIsResourceNotFound() {
        McpTestClient client = connected();

        JsonNode error = rpcError(subscribe(client, "nowhere://at/all"), ErrorCodes.RESOURCE_NOT_FOUND);

        assertThat(error.path("data").path("uri").asString()).isEqualTo("nowhere://at/all");
        updates.resourceUpdated("nowhere://at/all");
        assertThat(routedUpdates(client)).isEmpty();
    }

    @Test
    void aSubscriptionWithoutUriIsInvalidParams() {
        rpcError(connected().request("resources/subscribe", Map.of()), ErrorCodes.INVALID_PARAMS);
    }

    @Test
    void anUpdateForASubscribedSessionWithoutOpenStreamIsDeliveredWhenItOpensOne() {
        McpTestClient client = connected();
        subscribe(client, TODAY).result();

        updates.resourceUpdated(TODAY);

        try (SseSubscription stream = openStream(client)) {
            assertUpdated(stream, TODAY);
        }
    }

    @Test
    void aDeletedSessionIsNoLongerSubscribed() {
        McpTestClient deleted = connected();
        McpTestClient remaining = connected();
        SseSubscription deletedStream = openStream(deleted);
        try (SseSubscription remainingStream = openStream(remaining)) {
            subscribe(deleted, TODAY).result();
            subscribe(remaining, TODAY).result();
            String deletedId = deleted.sessionId();

            assertThat(deleted.deleteSession().status()).isEqualTo(200);
            await().atMost(WAIT).until(deletedStream::isClosed);

            updates.resourceUpdated(TODAY);

            assertUpdated(remainingStream, TODAY);
            assertThat(routedUpdates(deletedId)).as("nothing is even routed to the deleted session").isEmpty();
            assertThat(deletedStream.events().stream().filter(event -> event.data().contains(UPDATED))).isEmpty();
        }
        finally {
            deletedStream.close();
        }
    }

    @Test
    void aSessionThatSubscribesAfterAnotherWasDeletedStillGetsUpdates() {
        McpTestClient first = connected();
        subscribe(first, SETTINGS).result();
        first.deleteSession();

        McpTestClient second = connected();
        try (SseSubscription stream = openStream(second)) {
            subscribe(second, SETTINGS).result();
            updates.resourceUpdated(SETTINGS);
            assertUpdated(stream, SETTINGS);
        }
    }

    private static void assertUpdated(SseSubscription stream, String uri) {
        JsonNode message = nextNotificationMessage(stream);
        assertThat(message.path("method").asString()).as("message %s", message).isEqualTo(UPDATED);
        assertThat(message.path("params").path("uri").asString()).as("message %s", message).isEqualTo(uri);
    }

    /** The URIs of every {@code resources/updated} the session manager was asked to route to this session. */
    private List<String> routedUpdates(McpTestClient client) {
        return routedUpdates(client.sessionId());
    }

    private List<String> routedUpdates(String sessionId) {
        return ((RecordingSessionManager) sessions).deliveriesTo(sessionId)
            .stream()
            .filter(delivery -> UPDATED.equals(delivery.method()))
            .map(delivery -> ((JsonRpcMessage.Notification) delivery.message()).params()
                .path("uri")
                .asString())
            .toList();
    }
}
