package com.customerhub.imports;

import java.util.List;

/** What writing one row did, as it counts in the job, with the row's errors when it was rejected. */
record RowOutcome(Counts counts, List<RowError> errors) {
    static RowOutcome of(RowPlanner.Action action, List<RowError> errors) {
        return new RowOutcome(new Counts(1, action == RowPlanner.Action.REJECT ? 0 : 1, action == RowPlanner.Action.REJECT ? 1 : 0,
                action == RowPlanner.Action.INSERT ? 1 : 0, action == RowPlanner.Action.UPDATE ? 1 : 0,
                action == RowPlanner.Action.UNCHANGED ? 1 : 0, 0), errors);
    }
}
