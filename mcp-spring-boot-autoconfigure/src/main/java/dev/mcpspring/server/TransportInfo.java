package dev.mcpspring.server;

import org.jspecify.annotations.Nullable;

/**
 * How a message reached the server, as the transport that received it describes it; observers record it (the
 * OpenTelemetry attributes {@code network.transport}, {@code network.protocol.name} and
 * {@code network.protocol.version}). The Streamable HTTP transport says {@code tcp} / {@code http} with the HTTP
 * version of the request; a stdio transport would say {@code pipe}.
 *
 * @param networkTransport the transport protocol ({@code tcp}, {@code quic}, {@code pipe}, ...), or {@code null}
 *                         when unknown
 * @param protocolName     the application protocol in lower case ({@code http}, ...), or {@code null}
 * @param protocolVersion  its version ({@code 1.1}, {@code 2}, ...), or {@code null} when unknown
 */
public record TransportInfo(@Nullable String networkTransport, @Nullable String protocolName,
        @Nullable String protocolVersion) {

    /** Nothing is known about the transport. */
    public static final TransportInfo UNKNOWN = new TransportInfo(null, null, null);

    /** HTTP over TCP, version unknown (a session, which spans many HTTP requests). */
    public static final TransportInfo HTTP = new TransportInfo("tcp", "http", null);

    /** HTTP/1.1 over TCP. */
    public static final TransportInfo HTTP_1_1 = new TransportInfo("tcp", "http", "1.1");

    /** HTTP/2 over TCP. */
    public static final TransportInfo HTTP_2 = new TransportInfo("tcp", "http", "2");

    /** A pipe, as the standard input and output of a process (the stdio transport). */
    public static final TransportInfo STDIO = new TransportInfo("pipe", null, null);

    /**
     * HTTP over TCP, from a servlet request's {@code getProtocol()} ({@code HTTP/1.1}, {@code HTTP/2.0}); the shared
     * constants for the usual ones, so the common case allocates nothing.
     */
    public static TransportInfo http(@Nullable String protocol) {
        if (protocol == null) {
            return HTTP;
        }
        return switch (protocol) {
            case "HTTP/1.1" -> HTTP_1_1;
            case "HTTP/2.0", "HTTP/2" -> HTTP_2;
            case "HTTP/1.0" -> new TransportInfo("tcp", "http", "1.0");
            default -> protocol.startsWith("HTTP/")
                    ? new TransportInfo("tcp", "http", version(protocol.substring("HTTP/".length()))) : HTTP;
        };
    }

    /** {@code 2.0} is {@code 2}, {@code 3.0} is {@code 3}, as the conventions write them. */
    private static String version(String version) {
        return version.endsWith(".0") && !version.startsWith("1.") ? version.substring(0, version.length() - 2)
                : version;
    }
}
