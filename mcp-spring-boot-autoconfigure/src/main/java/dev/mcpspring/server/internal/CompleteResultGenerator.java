package dev.mcpspring.server.internal;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * Writes a result as the modern revision (2026-07-28) completes it, in the one pass that writes the result: on the
 * way out of the result object it adds {@code resultType: "complete"}, the server's identity in {@code _meta} (in
 * the result's own {@code _meta} when it has one) and the caching hints, if any.
 */
final class CompleteResultGenerator extends JsonGeneratorDelegate {

    private static final String META = "_meta";

    private final SerializableString serverInfo;

    private final @Nullable Caching caching;

    private boolean serverInfoWritten;

    /** {@code serverInfo}: the server's identity as JSON; {@code caching}: the hints, {@code null} for none. */
    CompleteResultGenerator(JsonGenerator generator, SerializableString serverInfo, @Nullable Caching caching) {
        super(generator, false); // writePOJO through this decorator, which must see the result's members
        this.serverInfo = serverInfo;
        this.caching = caching;
    }

    @Override
    public JsonGenerator writeEndObject() {
        TokenStreamContext parent = streamWriteContext().getParent();
        if (parent.inRoot()) { // the end of the result
            if (!serverInfoWritten) {
                writeName(META);
                writeStartObject();
                writeEndObject();
            }
            super.writeName("resultType");
            super.writeString("complete");
            if (caching != null) {
                super.writeName("ttlMs");
                super.writeNumber(caching.ttlMs());
                super.writeName("cacheScope");
                super.writeString(caching.scope());
            }
        }
        else if (isResultsMeta(parent)) { // the end of the result's _meta
            super.writeName(ModernRequest.SERVER_INFO);
            super.writeRawValue(serverInfo);
            serverInfoWritten = true;
        }
        return super.writeEndObject();
    }

    @Override
    public JsonGenerator writeNull() {
        if (isResultsMeta(streamWriteContext())) { // "_meta": null becomes the server's identity
            writeStartObject();
            return writeEndObject();
        }
        return super.writeNull();
    }

    /** Whether {@code context} is the result object, its member {@code _meta} being written. */
    private static boolean isResultsMeta(TokenStreamContext context) {
        return context.inObject() && context.getParent().inRoot() && META.equals(context.currentName());
    }

    /** The caching hints of a result: how long a client may reuse it and who may share it. */
    record Caching(long ttlMs, String scope) {
    }
}
