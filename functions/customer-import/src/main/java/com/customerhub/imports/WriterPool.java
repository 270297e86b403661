package com.customerhub.imports;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The import's worker threads: {@code imports.limits.concurrency} writers (validation of a chunk
 * and its writes), and three threads that prepare an apply's next chunk while the current one
 * writes (one reads and checks the rows, two make the chunk's batched lookups). The look-ahead has
 * threads of its own because the writer pool's queue is full of the current chunk's puts: its
 * lookups queued there would wait for all of them.
 */
@Singleton
class WriterPool {
    private final ExecutorService executor;
    private final ExecutorService ahead;

    WriterPool(ImportSettings settings) {
        this.executor = Executors.newFixedThreadPool(settings.concurrency(), runnable -> daemon(runnable, "import-writer"));
        this.ahead = Executors.newFixedThreadPool(3, runnable -> daemon(runnable, "import-ahead"));
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

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        ahead.shutdownNow();
    }
}
