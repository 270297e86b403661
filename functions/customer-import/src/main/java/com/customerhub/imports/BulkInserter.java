package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * Stores a chunk's new customers in bulk instead of one transaction per row. Per group of rows, one
 * transaction of their uniqueness guards (each put only if free or already held by the row's own
 * id, so the re-run of a killed chunk passes) with the suppression checks; then their profiles,
 * duplicate keys and audit entries with BatchWriteItem. A group whose transaction is refused (a
 * concurrent API create took one of its mobiles, emails or external ids, or an erased person's value)
 * goes to the per-row path, which rejects or matches its rows as for any conflict. Rows whose guards
 * an interrupted run already took skip the transaction. Tag counts and events are the caller's, once
 * per chunk.
 */
@Singleton
class BulkInserter {
    /** DynamoDB's limit of items in one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;

    /** One row's result; {@code inserted} is the customer this bulk path stored (null otherwise) with its tags to count. */
    record Written(RowOutcome outcome, Customer inserted, Set<String> tags) {
        static Written byRow(RowOutcome outcome) {
            return new Written(outcome, null, Set.of());
        }
    }

    private record Prepared(RowPlanner.PlannedRow row, Customer customer, CustomerRepository.NewCustomerItems items) {
    }

    private final CustomerService service;
    private final CustomerRepository customers;
    private final DynamoDbClient dynamo;
    private final BatchPuts puts;
    private final RowWriter rows;
    private final WriterPool pool;
    private final int groupItems;

    BulkInserter(CustomerService service, CustomerRepository customers, DynamoDbClient dynamo, BatchPuts puts, RowWriter rows,
                 WriterPool pool, io.micronaut.core.value.PropertyResolver properties) {
        this.service = service;
        this.customers = customers;
        this.dynamo = dynamo;
        this.puts = puts;
        this.rows = rows;
        this.pool = pool;
        this.groupItems = Math.min(MAX_TRANSACTION_ITEMS, properties.get("imports.limits.guard-items", Integer.class, MAX_TRANSACTION_ITEMS));
    }

    /** Writes the inserts (planned rows of action INSERT, without a parent) created at {@code at} under {@code ids}. */
    CompletableFuture<List<Written>> insert(String tenant, Identity importer, List<RowPlanner.PlannedRow> inserts,
                                            LongFunction<String> ids, Instant at) {
        List<CompletableFuture<List<Written>>> groups = new ArrayList<>();
        List<RowPlanner.PlannedRow> group = new ArrayList<>();
        int conditions = 0;
        for (RowPlanner.PlannedRow row : inserts) {
            // up to 3 guards and 2 suppression checks a row
            if (!row.guarded() && conditions + 5 > groupItems) {
                groups.add(group(tenant, importer, group, ids, at));
                group = new ArrayList<>();
                conditions = 0;
            }
            if (row.guarded()) {
                groups.add(group(tenant, importer, List.of(row), ids, at));
            } else {
                group.add(row);
                conditions += 5;
            }
        }
        if (!group.isEmpty()) {
            groups.add(group(tenant, importer, group, ids, at));
        }
        return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Written> all = new ArrayList<>(inserts.size());
            groups.forEach(g -> all.addAll(g.join()));
            return all;
        });
    }

    private CompletableFuture<List<Written>> group(String tenant, Identity importer, List<RowPlanner.PlannedRow> group,
                                                   LongFunction<String> ids, Instant at) {
        List<Written> rejected = new ArrayList<>();
        return CompletableFuture.supplyAsync(() -> {
            List<Prepared> prepared = new ArrayList<>(group.size());
            for (RowPlanner.PlannedRow row : group) {
                try {
                    CustomerService.NewCustomer created = service.prepareCreate(importer, row.checked().draft(),
                            ids.apply(row.checked().row().number()), at);
                    prepared.add(new Prepared(row, created.customer(),
                            customers.newCustomerItems(tenant, created.customer(), created.audit())));
                } catch (ApiException refused) { // e.g. a channel the tenant disabled, as a create would say
                    rejected.add(Written.byRow(RowOutcome.of(RowPlanner.Action.REJECT,
                            RowPlanner.rowErrors(row.checked().row().number(), refused))));
                }
            }
            return prepared;
        }, pool.executor()).thenCompose(prepared -> {
            boolean guarded = prepared.isEmpty() || prepared.get(0).row().guarded() || takeGuards(prepared);
            CompletableFuture<List<Written>> written = guarded ? store(prepared) : perRow(tenant, importer, prepared);
            return written.thenApply(list -> {
                List<Written> all = new ArrayList<>(list);
                all.addAll(rejected);
                return all;
            });
        });
    }

    /** True when the group's guards are ours; false when a condition failed (the rows go one by one). */
    private boolean takeGuards(List<Prepared> prepared) {
        List<TransactWriteItem> writes = new ArrayList<>();
        prepared.forEach(p -> writes.addAll(p.items().conditions()));
        if (writes.isEmpty()) {
            return true;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
                return true;
            } catch (TransactionCanceledException e) {
                if (conditionFailed(e) || attempt >= Backoff.MAX_ATTEMPTS) {
                    return false;
                }
            } catch (ApiException e) {
                if (e.status() != 503 || attempt >= Backoff.MAX_ATTEMPTS) {
                    throw e;
                }
            }
            Backoff.sleep(attempt + 1); // throttled, or a conflict with a concurrent transaction
        }
    }

    private static boolean conditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals);
    }

    private CompletableFuture<List<Written>> store(List<Prepared> prepared) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        prepared.forEach(p -> items.addAll(p.items().items()));
        return puts.put(items).thenApply(done -> prepared.stream()
                .map(p -> new Written(RowOutcome.of(RowPlanner.Action.INSERT, List.of()), p.customer(), p.items().tags())).toList());
    }

    private CompletableFuture<List<Written>> perRow(String tenant, Identity importer, List<Prepared> prepared) {
        List<CompletableFuture<Written>> each = prepared.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> Written.byRow(rows.write(tenant, importer, p.row())), pool.executor()))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
    }
}
