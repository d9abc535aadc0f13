/**
 * Internal: not part of the public API; may change in any release without notice. The test client's transport
 * (over the network, or in-process through the servlet and its filters), the SSE reading, and the connections of
 * both protocol eras.
 */
@NullMarked
package dev.mcpspring.test.internal;

import org.jspecify.annotations.NullMarked;
