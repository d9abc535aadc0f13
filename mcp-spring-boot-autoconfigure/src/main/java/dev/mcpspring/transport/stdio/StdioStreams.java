package dev.mcpspring.transport.stdio;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

import org.jspecify.annotations.Nullable;

/**
 * The byte streams the stdio transport speaks over: it reads the client's messages from {@code input} and writes
 * its own to {@code output}, one JSON-RPC message per line. The auto-configuration uses {@link #system()}; a bean of
 * this type replaces it (a test's pipes, a socket's streams: the framing is the same over any reliable byte
 * stream).
 *
 * @param input  where the client's messages arrive
 * @param output where the server's messages go, and nothing else
 */
public record StdioStreams(InputStream input, OutputStream output) {

    private static @Nullable StdioStreams system;

    /**
     * The process's standard input and output, with standard output reserved for the protocol: the first call
     * points {@link System#out} at standard error, so that whatever prints there (the console log, a
     * {@code System.out.println}, a library's banner) can never break the stream of messages to the client. Later
     * calls return the same streams.
     */
    public static synchronized StdioStreams system() {
        if (system == null) {
            PrintStream stdout = System.out;
            System.setOut(System.err);
            system = new StdioStreams(System.in, stdout);
        }
        return system;
    }
}
