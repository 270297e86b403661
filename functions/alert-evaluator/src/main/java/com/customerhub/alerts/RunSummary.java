package com.customerhub.alerts;

/**
 * What one evaluator invocation did. {@code writes} counts every item written (alerts raised or
 * resolved, tombstones purged, checkpoints saved or cleared): 0 on a run over unchanged data.
 */
public record RunSummary(boolean complete, long itemsScanned, long customersEvaluated, long raised, long resolved,
                         long writes, long durationMillis) {
}
