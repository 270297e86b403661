package com.customerhub.imports;

import jakarta.inject.Singleton;

/**
 * Points in the apply where tests stop a run the way a timeout or a crash would (after a chunk's
 * writes, before its checkpoint) or act as a concurrent API user would (after the plan, before the
 * writes). Does nothing in production.
 */
@Singleton
public class ApplyHooks {
    /** After the chunk is planned and its counts recorded, before any of its writes. */
    public void beforeChunkWrites(ImportJob job, int chunk) {
    }

    public void afterChunkWrites(ImportJob job, int chunk) {
    }
}
