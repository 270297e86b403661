package com.customerhub.imports;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The import's worker threads ({@code imports.limits.concurrency}): validation of a chunk and its writes. */
@Singleton
class WriterPool {
    private final ExecutorService executor;

    WriterPool(ImportSettings settings) {
        this.executor = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "import-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    ExecutorService executor() {
        return executor;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
