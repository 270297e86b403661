package com.customerhub.imports;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Stops an apply after a chunk's writes and before its checkpoint, as a timeout or crash would. */
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

    void arm(String job, int afterChunk) {
        this.jobId = job;
        this.chunk = afterChunk;
    }

    @Override
    public void afterChunkWrites(ImportJob job, int index) {
        if (job.id().equals(jobId) && index == chunk) {
            jobId = null;
            throw new Killed();
        }
    }
}
