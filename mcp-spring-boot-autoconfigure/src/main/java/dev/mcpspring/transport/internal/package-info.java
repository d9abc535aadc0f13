/**
 * Internal: not part of the public API; may change in any release without notice.
 * <p>
 * The Streamable HTTP servlet ({@link DefaultStreamableHttpServlet}): POST, GET and DELETE, the Host, Origin,
 * Accept and protocol header checks, finding the session of a request, asynchronous handling off the container
 * threads, and JSON or SSE responses with keep-alive and bounded buffers.
 */
@NullMarked
package dev.mcpspring.transport.internal;

import org.jspecify.annotations.NullMarked;
