package com.customerhub.imports;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Stops an apply after a chunk's writes and before its checkpoint, as a timeout or crash would, or acts between plan and writes. */
@Singleton
@Replaces(ApplyHooks.class)
@Requires(property = "test.kill-switch", value = "true")
class KillSwitch extends ApplyHooks {
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed by the test");
        }
    }

    private volatile String jobId;
    private volatile int chunk = -1;
    private volatile String beforeJob;
    private volatile int beforeChunk = -1;
    private volatile Runnable before;
    private volatile String guardsJob;
    private volatile int guardsChunk = -1;

    /** Runs {@code action} once, after the chunk's plan and before its writes (a concurrent API user). */
    void beforeWrites(String job, int chunkIndex, Runnable action) {
        this.beforeJob = job;
        this.beforeChunk = chunkIndex;
        this.before = action;
    }

    @Override
    public void beforeChunkWrites(ImportJob job, int index) {
        if (job.id().equals(beforeJob) && index == beforeChunk) {
            beforeJob = null;
            before.run();
        }
    }

    void arm(String job, int afterChunk) {
        this.jobId = job;
        this.chunk = afterChunk;
    }

    /** Kills the run once, after the chunk's guard transactions and before its batch puts. */
    void armAfterGuards(String job, int chunkIndex) {
        this.guardsJob = job;
        this.guardsChunk = chunkIndex;
    }

    @Override
    public void afterChunkGuards(ImportJob job, int index) {
        if (job.id().equals(guardsJob) && index == guardsChunk) {
            guardsJob = null;
            throw new Killed();
        }
    }

    @Override
    public void afterChunkWrites(ImportJob job, int index) {
        if (job.id().equals(jobId) && index == chunk) {
            jobId = null;
            throw new Killed();
        }
    }
}
