package com.customerhub.api.http;

/**
 * Work a function's first request will need, done ahead of it by {@link ClientWarmup} on its
 * second thread during an on-demand cold start: it must write nothing and need no request.
 */
public interface WarmupStep {
    void run();
}
