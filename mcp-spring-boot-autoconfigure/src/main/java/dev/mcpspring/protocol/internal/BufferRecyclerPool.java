package dev.mcpspring.protocol.internal;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Where the MCP mapper's parsers and generators get their buffers: a platform thread keeps its own (Jackson's
 * thread-local pool), virtual threads share a pool (Jackson's concurrent deque, its default).
 * <p>
 * Jackson 3 made the shared pool its default because a virtual thread lives for one task, so buffers kept per thread
 * would never be reused. The container's request threads are pooled platform threads, though, and the starter
 * parses every request and writes most answers on them: there the shared pool's two concurrent deque operations per
 * parser or generator were about 5 % of a tool call's CPU in the JSON profile, while a thread-local look-up costs
 * next to nothing.
 */
public final class BufferRecyclerPool implements RecyclerPool<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    private final RecyclerPool<BufferRecycler> perThread = JsonRecyclerPools.threadLocalPool();

    private final RecyclerPool<BufferRecycler> shared = JsonRecyclerPools.newConcurrentDequePool();

    @Override
    public BufferRecycler acquireAndLinkPooled() {
        // the thread-local pool hands out its recycler unlinked (releasing it is a no-op), the shared one links it
        return pool().acquireAndLinkPooled();
    }

    @Override
    public BufferRecycler acquirePooled() {
        return pool().acquirePooled();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        pool().releasePooled(recycler); // on the thread that acquired it: a parser or generator is not handed over
    }

    private RecyclerPool<BufferRecycler> pool() {
        return VirtualThreads.isVirtual(Thread.currentThread()) ? shared : perThread;
    }
}
