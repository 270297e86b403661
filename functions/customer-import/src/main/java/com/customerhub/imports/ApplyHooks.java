package com.customerhub.imports;

import jakarta.inject.Singleton;

/**
 * Points in the apply where tests stop a run the way a timeout or a crash would (after a chunk's
 * writes, before its checkpoint). Does nothing in production.
 */
@Singleton
public class ApplyHooks {
    public void afterChunkWrites(ImportJob job, int chunk) {
    }
}
