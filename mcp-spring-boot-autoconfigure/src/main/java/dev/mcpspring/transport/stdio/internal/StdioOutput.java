package dev.mcpspring.transport.stdio.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;

/**
 * The one writer of the transport's output: each message is one line, written whole and flushed before the next
 * one starts, whichever thread sends it. JSON escapes every line break inside a message, so a line is a message.
 * Writing blocks while the client does not read: over a pipe to one client that is the back-pressure wanted.
 */
final class StdioOutput {

    private static final Log logger = LogFactory.getLog(StdioOutput.class);

    private final OutputStream output;

    private final JsonRpcCodec codec;

    private final Runnable onFailure;

    private volatile boolean failed;

    /**
     * @param onFailure run once when writing fails (the client closed its end): nothing can reach it any more
     */
    StdioOutput(OutputStream output, JsonRpcCodec codec, Runnable onFailure) {
        this.output = output;
        this.codec = codec;
        this.onFailure = onFailure;
    }

    /** Writes {@code message} as one line; {@code false} when the output has failed and it was not written. */
    boolean write(JsonRpcMessage message) {
        return writeLine(codec.write(message));
    }

    /** Writes {@code messages} as one line holding a JSON array (the responses to a batch). */
    boolean writeBatch(List<JsonRpcMessage> messages) {
        return writeLine(codec.write(messages));
    }

    private boolean writeLine(byte[] json) {
        if (failed) {
            return false;
        }
        IOException failure;
        synchronized (this) {
            try {
                output.write(json);
                output.write('\n');
                output.flush();
                if (!(output instanceof PrintStream print && print.checkError())) { // a PrintStream hides its failure
                    return true;
                }
                failure = new IOException("the stream reports an error");
            }
            catch (IOException ex) {
                failure = ex;
            }
        }
        fail(failure); // outside the lock: what the failure sets off may write (and is refused at once)
        return false;
    }

    boolean isOpen() {
        return !failed;
    }

    private void fail(IOException ex) {
        synchronized (this) {
            if (failed) {
                return;
            }
            failed = true;
        }
        logger.info("MCP stdio: writing to the client failed (" + ex.getMessage() + "); it has gone away");
        onFailure.run();
    }
}
