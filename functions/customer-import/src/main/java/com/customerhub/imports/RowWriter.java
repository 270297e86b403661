package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.Backoff;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Writes one row through the customer service (guards, tags, audit and events as for the API):
 * updates, and the inserts the bulk path leaves to it after a conflict.
 */
@Singleton
class RowWriter {
    private final CustomerService service;
    private final RowPlanner planner;

    RowWriter(CustomerService service, RowPlanner planner) {
        this.service = service;
        this.planner = planner;
    }

    /** Throttling is retried with backoff; a conflict (the customer changed since the plan) re-plans the row and tries again. */
    RowOutcome write(String tenant, Identity importer, RowPlanner.PlannedRow first) {
        RowPlanner.PlannedRow row = first;
        int conflicts = 0;
        for (int attempt = 0; ; attempt++) {
            try {
                switch (row.action()) {
                    case REJECT:
                        return RowOutcome.of(RowPlanner.Action.REJECT, row.errors());
                    case UNCHANGED:
                        return RowOutcome.of(RowPlanner.Action.UNCHANGED, List.of());
                    case INSERT:
                        service.create(importer, row.checked().create().deepCopy());
                        return RowOutcome.of(RowPlanner.Action.INSERT, List.of());
                    default:
                        Customer after = service.patch(importer, row.current().id(), row.current().version(),
                                row.checked().patch());
                        return RowOutcome.of(after.version() == row.current().version() ? RowPlanner.Action.UNCHANGED
                                : RowPlanner.Action.UPDATE, List.of());
                }
            } catch (ApiException e) {
                if (e.status() == 503 && attempt < Backoff.MAX_ATTEMPTS) {
                    Backoff.sleep(attempt + 1);
                } else if ((e.status() == 409 || e.status() == 412 || e.status() == 404) && conflicts++ < 3) {
                    row = planner.plan(tenant, List.of(row.checked()), new RowPlanner.FileKeys(), false).get(0);
                } else {
                    return RowOutcome.of(RowPlanner.Action.REJECT, RowPlanner.rowErrors(row.checked().row().number(), e));
                }
            }
        }
    }
}
