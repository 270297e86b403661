package com.customerhub.imports;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The import's worker threads: {@code imports.limits.concurrency} writers (validation of a chunk
 * and its writes), three threads that prepare an apply's next chunk while the current one
 * writes (one reads and checks the rows, two make the chunk's batched lookups), and two that take
 * the next chunk's guards meanwhile. The look-ahead and the guards have threads of their own because
 * the writer pool's queue is full of the current chunk's puts: their work queued there would wait
 * for all of them. Writes in flight stay at {@code concurrency} all the same: every write request
 * holds one of as many permits, handed out first come, first served (so the next chunk's guards
 * go before puts queued after them).
 */
@Singleton
class WriterPool {
    private final ExecutorService executor;
    private final ExecutorService ahead;
    private final ExecutorService guards;
    private final Semaphore writes;

    WriterPool(ImportSettings settings) {
        this.executor = Executors.newFixedThreadPool(settings.concurrency(), runnable -> daemon(runnable, "import-writer"));
        this.ahead = Executors.newFixedThreadPool(3, runnable -> daemon(runnable, "import-ahead"));
        this.guards = Executors.newFixedThreadPool(2, runnable -> daemon(runnable, "import-guards"));
        this.writes = new Semaphore(settings.concurrency(), true);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    ExecutorService executor() {
        return executor;
    }

    /** For {@link ChunkFeed}: one chunk in preparation at a time, its task and its lookups' batches. */
    ExecutorService ahead() {
        return ahead;
    }

    /** For the guards of an apply's next chunk, taken while the current chunk's puts run. */
    ExecutorService guards() {
        return guards;
    }

    /** Runs one write request once fewer than {@code concurrency} are in flight. */
    <T> T write(Supplier<T> request) {
        writes.acquireUninterruptibly();
        try {
            return request.get();
        } finally {
            writes.release();
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        ahead.shutdownNow();
        guards.shutdownNow();
    }
}
