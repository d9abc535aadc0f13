package dev.mcpspring.session.internal;

import java.util.List;
import java.util.Map;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Icon;
import dev.mcpspring.protocol.Implementation;
import tools.jackson.databind.JsonNode;

/**
 * Shares the {@code clientInfo} and {@code capabilities} of {@code initialize} among sessions: every session of one
 * client program declares the same ones, and as parsed JSON they would be most of an idle session's heap.
 * <p>
 * Only small values are shared (a budget of characters and JSON nodes), so the {@link BoundedInterner}s hold at
 * most a few hundred small values each whatever clients send; larger values stay with their session, unshared.
 * Shared values are equal to what the session's client sent ({@code JsonNode} equality, so an object's
 * properties may come in another client's order), and must be treated as read-only, as they always should be.
 */
final class SharedClientValues {

    /** Distinct values kept per kind. */
    static final int MAX_ENTRIES = 256;

    /** Characters (names, strings, property names) a shared value may have in all. */
    static final int MAX_CHARS = 512;

    /** JSON nodes the capabilities may have in all. */
    static final int MAX_NODES = 64;

    private static final BoundedInterner<Implementation> CLIENT_INFOS = new BoundedInterner<>(MAX_ENTRIES);

    private static final BoundedInterner<ClientCapabilities> CAPABILITIES = new BoundedInterner<>(MAX_ENTRIES);

    private SharedClientValues() {
    }

    /** The shared instance equal to {@code clientInfo}, or {@code clientInfo} itself when too large to share. */
    static Implementation share(Implementation clientInfo) {
        return clientInfo != null && isSmall(clientInfo) ? CLIENT_INFOS.intern(clientInfo) : clientInfo;
    }

    /** The shared instance equal to {@code capabilities}, or {@code capabilities} itself when too large to share. */
    static ClientCapabilities share(ClientCapabilities capabilities) {
        return capabilities != null && isSmall(capabilities) ? CAPABILITIES.intern(capabilities) : capabilities;
    }

    static int sharedClientInfos() {
        return CLIENT_INFOS.size();
    }

    static int sharedCapabilities() {
        return CAPABILITIES.size();
    }

    private static boolean isSmall(Implementation info) {
        Budget budget = new Budget();
        budget.take(info.name());
        budget.take(info.title());
        budget.take(info.version());
        budget.take(info.description());
        budget.take(info.websiteUrl());
        List<Icon> icons = info.icons();
        if (icons != null) {
            for (int i = 0; i < icons.size() && budget.isLeft(); i++) {
                Icon icon = icons.get(i);
                budget.takeNode();
                if (icon != null) {
                    budget.take(icon.src());
                    budget.take(icon.mimeType());
                    budget.take(icon.theme());
                    if (icon.sizes() != null) {
                        icon.sizes().forEach(budget::take);
                    }
                }
            }
        }
        return budget.isLeft();
    }

    private static boolean isSmall(ClientCapabilities capabilities) {
        Budget budget = new Budget();
        budget.take(capabilities.roots());
        budget.take(capabilities.sampling());
        budget.take(capabilities.elicitation());
        budget.take(capabilities.tasks());
        budget.take(capabilities.experimental());
        budget.take(capabilities.extensions());
        return budget.isLeft();
    }

    /** What a value may still spend; it stops counting once spent, so a huge value costs no more than a small. */
    private static final class Budget {

        private int chars = MAX_CHARS;

        private int nodes = MAX_NODES;

        boolean isLeft() {
            return chars >= 0 && nodes >= 0;
        }

        void takeNode() {
            nodes--;
        }

        void take(String text) {
            if (text != null) {
                chars -= text.length();
            }
        }

        void take(Map<String, JsonNode> members) {
            if (members != null) {
                for (Map.Entry<String, JsonNode> entry : members.entrySet()) {
                    if (!isLeft()) {
                        return;
                    }
                    take(entry.getKey());
                    take(entry.getValue());
                }
            }
        }

        void take(JsonNode node) {
            if (node == null || !isLeft()) {
                return;
            }
            takeNode();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    if (!isLeft()) {
                        return;
                    }
                    take(property.getKey());
                    take(property.getValue());
                }
            }
            else if (node.isArray()) {
                for (JsonNode element : node.values()) {
                    if (!isLeft()) {
                        return;
                    }
                    take(element);
                }
            }
            else if (node.isString()) {
                take(node.stringValue());
            }
        }
    }
}
