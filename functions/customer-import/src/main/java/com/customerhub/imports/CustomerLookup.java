package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.UniqueKey;
import com.customerhub.core.data.Backoff;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.TableNames;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads the uniqueness guards and profiles of a whole chunk with BatchGetItem (100 keys a call)
 * instead of a GetItem per row, using the key scheme of {@link CustomerKeys} and the item mapping
 * of {@link CustomerRepository}. Unprocessed keys and throttling are retried with backoff.
 */
@Singleton
public class CustomerLookup {
    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String guardsTable;
    private final CustomerRepository customers;
    private final WriterPool pool;

    public CustomerLookup(DynamoDbClient dynamo, TableNames tables, CustomerRepository customers, WriterPool pool) {
        this.pool = pool;
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.guardsTable = tables.guards();
        this.customers = customers;
    }

    /** The owner id of each guard found, keyed by {@link #guardKey}. */
    public Map<String, String> owners(String tenant, Collection<GuardRef> guards) {
        return owners(tenant, guards, null);
    }

    /** As {@link #owners(String, Collection)}, the batches on {@code executor} (null: the writer pool). */
    public Map<String, String> owners(String tenant, Collection<GuardRef> guards, Executor executor) {
        Map<String, Map<String, AttributeValue>> keys = new HashMap<>();
        for (GuardRef guard : guards) {
            String pk = CustomerKeys.guard(tenant, guard.key(), guard.value());
            keys.put(pk, Map.of(CustomerKeys.PK, AttributeValue.fromS(pk), CustomerKeys.SK, AttributeValue.fromS(CustomerKeys.GUARD)));
        }
        Map<String, String> owners = new HashMap<>();
        for (Map<String, AttributeValue> item : get(guardsTable, keys.values(), "pk, customerId", executor)) {
            if (item.containsKey("customerId")) {
                owners.put(item.get(CustomerKeys.PK).s(), item.get("customerId").s());
            }
        }
        return owners;
    }

    /** Which of these partition keys (with the given sort key) hold an item. */
    public java.util.Set<String> existing(Collection<String> pks, String sk) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String pk : new LinkedHashSet<>(pks)) {
            keys.add(Map.of(CustomerKeys.PK, AttributeValue.fromS(pk), CustomerKeys.SK, AttributeValue.fromS(sk)));
        }
        java.util.Set<String> found = new java.util.HashSet<>();
        get(table, keys, "pk", null).forEach(item -> found.add(item.get(CustomerKeys.PK).s()));
        return found;
    }

    public static String guardKey(String tenant, UniqueKey key, String value) {
        return CustomerKeys.guard(tenant, key, value);
    }

    public Map<String, Customer> profiles(String tenant, Collection<String> ids) {
        return profiles(tenant, ids, null);
    }

    /** As {@link #profiles(String, Collection)}, the batches on {@code executor} (null: the writer pool). */
    public Map<String, Customer> profiles(String tenant, Collection<String> ids, Executor executor) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            keys.add(Map.of(CustomerKeys.PK, AttributeValue.fromS(CustomerKeys.collection(tenant, id)),
                    CustomerKeys.SK, AttributeValue.fromS(CustomerKeys.PROFILE)));
        }
        Map<String, Customer> found = new HashMap<>();
        for (Map<String, AttributeValue> item : get(table, keys, null, executor)) {
            Customer customer = customers.toCustomer(item);
            found.put(customer.id(), customer);
        }
        return found;
    }

    /**
     * The items of these keys, 100 a request; a chunk's requests run at once on the writer pool. A
     * single request (a row re-planned by a pool thread) runs on the caller, so no pool thread waits for the pool.
     */
    private List<Map<String, AttributeValue>> get(String table, Collection<Map<String, AttributeValue>> keys, String projection,
                                                  Executor executor) {
        List<Map<String, AttributeValue>> all = new ArrayList<>(keys);
        if (all.size() <= BATCH) {
            return getBatch(table, all, projection);
        }
        List<CompletableFuture<List<Map<String, AttributeValue>>>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Map<String, AttributeValue>> batch = all.subList(from, Math.min(from + BATCH, all.size()));
            batches.add(CompletableFuture.supplyAsync(() -> getBatch(table, batch, projection), executor != null ? executor : pool.executor()));
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (CompletableFuture<List<Map<String, AttributeValue>>> batch : batches) {
            try {
                items.addAll(batch.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return items;
    }

    /** One BatchGetItem of up to 100 keys; unprocessed keys and throttling are retried with backoff. */
    private List<Map<String, AttributeValue>> getBatch(String table, List<Map<String, AttributeValue>> keys, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<Map<String, AttributeValue>> pending = keys;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                Backoff.sleep(attempt);
            }
            KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(pending).consistentRead(true);
            if (projection != null) {
                request.projectionExpression(projection);
            }
            Map<String, KeysAndAttributes> batch = Map.of(table, request.build());
            BatchGetItemResponse response;
            try {
                response = DynamoErrors.call(() -> dynamo.batchGetItem(b -> b.requestItems(batch)));
            } catch (com.customerhub.core.error.ApiException throttled) {
                if (throttled.status() == 503 && attempt < Backoff.MAX_ATTEMPTS) {
                    continue;
                }
                throw throttled;
            }
            items.addAll(response.responses().getOrDefault(table, List.of()));
            KeysAndAttributes left = response.unprocessedKeys().get(table);
            pending = left == null ? List.of() : left.keys();
            if (attempt >= Backoff.MAX_ATTEMPTS && !pending.isEmpty()) {
                throw new IllegalStateException(pending.size() + " keys stayed unprocessed");
            }
        }
        return items;
    }

    /** One guard to look up: which unique field and its normalised value. */
    public record GuardRef(UniqueKey key, String value) {
    }
}
