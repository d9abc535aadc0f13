package dev.mcpspring.protocol.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.internal.HandlerExecutors;
import tools.jackson.core.util.BufferRecycler;

import static org.assertj.core.api.Assertions.assertThat;

/** A platform thread keeps its buffers; virtual threads, which live for one task, share theirs. */
class BufferRecyclerPoolTests {

    private final BufferRecyclerPool pool = new BufferRecyclerPool();

    @Test
    void aPlatformThreadGetsItsOwnRecyclerEveryTime() throws Exception {
        BufferRecycler first = pool.acquireAndLinkPooled();
        first.releaseToPool();
        BufferRecycler again = pool.acquireAndLinkPooled();
        again.releaseToPool();

        BufferRecycler[] ofOther = new BufferRecycler[1];
        Thread other = new Thread(() -> ofOther[0] = pool.acquireAndLinkPooled());
        other.start();
        other.join(5_000);

        assertThat(again).isSameAs(first);
        assertThat(ofOther[0]).isNotNull().isNotSameAs(first);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsShareTheRecyclersTheyRelease() throws Exception {
        ExecutorService virtual = HandlerExecutors.create(1, 1);
        try {
            BufferRecycler first = onVirtualThread(virtual);
            BufferRecycler second = onVirtualThread(virtual);

            assertThat(second).isSameAs(first);
            assertThat(pool.acquireAndLinkPooled()).isNotSameAs(first); // not the platform thread's
        }
        finally {
            virtual.shutdownNow();
        }
    }

    @Test
    void theMcpMapperUsesIt() {
        assertThat(McpJsonMapper.create().tokenStreamFactory()._getRecyclerPool())
            .isInstanceOf(BufferRecyclerPool.class);
    }

    /** A recycler acquired and released on a virtual thread of its own. */
    private BufferRecycler onVirtualThread(ExecutorService virtual) throws Exception {
        Future<BufferRecycler> acquired = virtual.submit(() -> {
            assertThat(VirtualThreads.isVirtual(Thread.currentThread())).isTrue();
            BufferRecycler recycler = pool.acquireAndLinkPooled();
            recycler.releaseToPool();
            return recycler;
        });
        return acquired.get(5, TimeUnit.SECONDS);
    }
}
