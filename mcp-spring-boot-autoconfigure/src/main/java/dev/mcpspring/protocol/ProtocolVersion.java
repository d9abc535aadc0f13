package dev.mcpspring.protocol;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The MCP protocol revisions this server speaks and the negotiation rule between them. */
public final class ProtocolVersion {

    public static final String V2025_03_26 = "2025-03-26";
    public static final String V2025_06_18 = "2025-06-18";
    public static final String V2025_11_25 = "2025-11-25";
    /** The first stateless revision: no session, no {@code initialize}, the version in every request's _meta. */
    public static final String V2026_07_28 = "2026-07-28";

    /** The newest revision with sessions and {@code initialize}. */
    public static final String LATEST = V2025_11_25;

    /**
     * Every revision this library implements, oldest first ({@code mcp.server.protocol-versions} says which are
     * enabled).
     */
    public static final List<String> SUPPORTED = List.of(V2025_03_26, V2025_06_18, V2025_11_25, V2026_07_28);

    /**
     * The revision assumed for a request without {@code MCP-Protocol-Version} header and without session
     * (the transports page of 2025-06-18 says to assume 2025-03-26).
     */
    public static final String DEFAULT_WITHOUT_HEADER = V2025_03_26;

    /** The form of a revision: the date it was released. */
    private static final Pattern DATED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private ProtocolVersion() {
    }

    /** Whether this library implements {@code version}. */
    public static boolean isSupported(@Nullable String version) {
        return version != null && SUPPORTED.contains(version);
    }

    /**
     * Whether {@code version} is a modern (stateless, per-request {@code _meta}) revision, 2026-07-28 or later,
     * as opposed to the legacy revisions that start a session with {@code initialize}.
     */
    public static boolean isModern(@Nullable String version) {
        if (version == null) {
            return false;
        }
        if (version.equals(V2026_07_28)) { // the common cases first: this runs several times per request
            return true;
        }
        return !version.startsWith("2025-") && DATED.matcher(version).matches() && version.compareTo(V2026_07_28) > 0;
    }

    /**
     * The constant of {@link #SUPPORTED} equal to {@code version}, or {@code version} itself when unsupported: a
     * session keeps the shared constant rather than the copy parsed from its request.
     */
    public static String canonical(String version) {
        for (String supported : SUPPORTED) {
            if (supported.equals(version)) {
                return supported;
            }
        }
        return version;
    }

    /** Whether JSON-RPC batches are allowed: only 2025-03-26 has them. */
    public static boolean allowsBatches(@Nullable String version) {
        return V2025_03_26.equals(version);
    }

    /**
     * Whether SSE polling (SEP-1699) may be used with a client of {@code version}: priming events (an event id with
     * empty data) and connections the server closes before the stream ends, both from 2025-11-25 on. Clients of
     * older revisions parse every event's data as JSON and fail on a priming event.
     */
    public static boolean supportsSsePolling(@Nullable String version) {
        return isSupported(version) && version.compareTo(V2025_11_25) >= 0 && !isModern(version);
    }

    /** Whether the client must send {@code MCP-Protocol-Version} on requests after {@code initialize}. */
    public static boolean hasVersionHeader(@Nullable String version) {
        return version != null && version.compareTo(V2025_06_18) >= 0;
    }
}
