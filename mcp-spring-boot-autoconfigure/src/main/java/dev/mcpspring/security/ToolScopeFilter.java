package dev.mcpspring.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.GrantedScopes;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.internal.ToolScopes;
import tools.jackson.databind.JsonNode;

/**
 * Refuses, before the transport parses it, a POST whose {@code tools/call} names a tool whose
 * {@link ToolSpecification#requiredScopes() required scopes} the caller's token lacks: an
 * {@link InsufficientScopeException}, which the security filter chain answers with HTTP 403 and
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="..."}. That is the answer the MCP spec asks for
 * ("Runtime Insufficient Scope Errors") and the one clients act on with step-up authorization; the JSON-RPC check
 * of the server behind it remains for calls that do not pass here.
 * <p>
 * The filter reads the body only when some tool requires scopes, and only up to the transport's body limit; the
 * transport reads the same bytes after it. A body it cannot read as JSON, or one over the limit, passes unchanged:
 * the transport answers it as it would.
 */
public class ToolScopeFilter extends OncePerRequestFilter {

    private final ToolRegistry tools;

    private final GrantedScopes grantedScopes;

    private final JsonRpcCodec codec;

    private final long maxBodyBytes;

    /**
     * @param tools         the tools, with their required scopes
     * @param grantedScopes reads the scopes of the caller
     * @param codec         reads the body
     * @param maxBodyBytes  the transport's body limit ({@code mcp.server.transport.max-body-size})
     */
    public ToolScopeFilter(ToolRegistry tools, GrantedScopes grantedScopes, JsonRpcCodec codec, long maxBodyBytes) {
        this.tools = tools;
        this.grantedScopes = grantedScopes;
        this.codec = codec;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || request.getContentLengthLong() > maxBodyBytes
                || tools.list().stream().allMatch(tool -> tool.requiredScopes().isEmpty())) {
            chain.doFilter(request, response);
            return;
        }
        InputStream in = request.getInputStream();
        byte[] head = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        boolean complete = head.length <= maxBodyBytes;
        HttpServletRequest replay = new ReplayedBodyRequest(request, head, complete ? null : in);
        if (complete) {
            check(head);
        }
        chain.doFilter(replay, response);
    }

    private void check(byte[] body) {
        JsonNode tree;
        try {
            tree = codec.readTree(body); // as the transport reads it
        }
        catch (RuntimeException ex) { // not UTF-8 JSON, or over a read limit: the transport answers it
            return;
        }
        Iterable<JsonNode> messages = tree.isArray() ? tree : List.of(tree);
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext()
            .getAuthentication();
        Set<String> granted = null;
        for (JsonNode message : messages) {
            if (!message.isObject() || !McpMethods.TOOLS_CALL.equals(message.path("method").asString(null))) {
                continue;
            }
            String name = message.path("params").path("name").asString(null);
            Optional<ToolSpecification> tool = name == null ? Optional.empty() : tools.find(name);
            if (tool.isEmpty() || tool.get().requiredScopes().isEmpty()) {
                continue;
            }
            if (granted == null) {
                granted = authentication == null ? Set.of() : grantedScopes.of(authentication);
            }
            Set<String> missing = ToolScopes.missing(tool.get().requiredScopes(), granted);
            if (!missing.isEmpty()) {
                if (logger.isInfoEnabled()) {
                    logger.info("Refused MCP tool '" + name + "' to '"
                            + (authentication == null ? null : authentication.getName()) + "': missing scope(s) "
                            + String.join(" ", missing));
                }
                throw new InsufficientScopeException(name, tool.get().requiredScopes(), missing,
                        tree.isArray() ? null : message.get("id"));
            }
        }
    }

    /** The request with its body read again from the bytes the filter consumed, then the rest of the stream. */
    private static final class ReplayedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] head;

        private final @Nullable InputStream rest;

        private @Nullable ServletInputStream stream;

        ReplayedBodyRequest(HttpServletRequest request, byte[] head, @Nullable InputStream rest) {
            super(request);
            this.head = head;
            this.rest = rest;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                InputStream body = rest == null ? new ByteArrayInputStream(head)
                        : new SequenceInputStream(new ByteArrayInputStream(head), rest);
                stream = new BodyStream(body, rest == null);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class BodyStream extends ServletInputStream {

        private final InputStream body;

        private final boolean buffered;

        private boolean finished;

        BodyStream(InputStream body, boolean buffered) {
            this.body = body;
            this.buffered = buffered;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return buffered || !finished;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the body of this request is read with blocking I/O");
        }
    }
}
