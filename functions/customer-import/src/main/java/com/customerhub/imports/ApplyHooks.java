package com.customerhub.imports;

import jakarta.inject.Singleton;

/**
 * Points in the apply where tests stop a run the way a timeout or a crash would (after a chunk's
 * guards or all its writes, before its checkpoint) or act as a concurrent API user would (after the plan, before the
 * writes). Does nothing in production.
 */
@Singleton
public class ApplyHooks {
    /** After the chunk is planned and its counts recorded, before any of its writes. */
    public void beforeChunkWrites(ImportJob job, int chunk) {
    }

    /** After the chunk's bulk inserts took their guards, before their puts. */
    public void afterChunkGuards(ImportJob job, int chunk) {
    }

    public void afterChunkWrites(ImportJob job, int chunk) {
    }
}
