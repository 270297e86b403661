package com.customerhub.core.customer;

import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.BatchWriter;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.ItemUpdate;
import com.customerhub.core.data.PartitionReader;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.data.SortKeys;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import com.customerhub.core.privacy.Suppressions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static com.customerhub.core.customer.CustomerKeys.*;

/**
 * Customer profiles in DynamoDB. A write, its uniqueness guards, tag counts and audit entries go
 * in one transaction, so a failed uniqueness check or a stale version leaves nothing behind.
 * Updates touch only the written fields, never the derived {@code stats} that interactions keep.
 */
@Singleton
public class CustomerRepository {
    static final String ITEM_TYPE = "itemType";
    static final String TENANT = "tenantId";
    private static final String OWNER = "customerId";
    private static final List<String> DRAFT_FIELDS = Arrays.stream(CustomerDraft.class.getRecordComponents())
            .map(component -> component.getName()).toList();

    private final DynamoDbClient dynamo;
    private final String table;
    private final String guards;
    private final ObjectMapper json;
    private final ObjectReader lenientReader;
    private final BatchWriter batches;
    private final AuditLog audit;
    private final Suppressions suppressions;
    private final DuplicateKeys duplicateKeys;
    private final Clock clock;

    public CustomerRepository(DynamoDbClient dynamo, TableNames tables, ObjectMapper json, BatchWriter batches, AuditLog audit,
                              Suppressions suppressions, DuplicateKeys duplicateKeys, Clock clock) {
        this.suppressions = suppressions;
        this.duplicateKeys = duplicateKeys;
        this.clock = clock;
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.guards = tables.guards();
        this.json = json;
        this.lenientReader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.batches = batches;
        this.audit = audit;
    }

    public String table() {
        return table;
    }

    public Optional<Customer> find(String tenant, String id) {
        return findItem(tenant, id).map(this::toCustomer);
    }

    /** The raw profile item (with the derived attributes the record does not carry). */
    public Optional<Map<String, AttributeValue>> findItem(String tenant, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(collection(tenant, id), PROFILE))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** The id of the live customer holding this mobile, email or external id, if any. */
    public Optional<String> findIdBy(String tenant, UniqueKey key, String value) {
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(guards)
                .key(key(guard(tenant, key, value), GUARD))));
        return response.hasItem() && response.item().containsKey(OWNER)
                ? Optional.of(response.item().get(OWNER).s()) : Optional.empty();
    }

    public Customer insert(String tenant, Customer customer, List<AuditEntry> changes) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(tenant, customer))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (UniqueKey unique : UniqueKey.values()) {
            String value = unique.valueOf(customer.fields());
            if (value != null) {
                writes.add(putGuard(tenant, unique, value, customer.id()));
            }
        }
        writes.addAll(tagCounts(tenant, List.of(), tagsOf(customer.fields())));
        writes.addAll(hierarchy(tenant, null, customer));
        writes.addAll(duplicateKeys(tenant, customer.id(), null, customer.fields()));
        writes.addAll(audit.writes(tenant, customer.id(), changes));
        // an erased person is not silently re-created (GDPR Art. 17): checked in the same transaction
        writes.addAll(suppressions.notSuppressed(tenant, customer.fields().mobile(), customer.fields().email()));
        transact(tenant, writes, customer);
        return customer;
    }

    /**
     * A new customer as a bulk writer stores it (the import): the uniqueness guards as conditional
     * puts that pass again for the same id (so a resumed writer can repeat them), for one transaction
     * (the bulk writer checks the suppression list once it holds them, see the import's
     * {@code BulkInserter}); the profile, duplicate keys and audit entries (sort keys ending
     * with the customer id, so a repeat overwrites) as plain puts; and the tags to count.
     * Child accounts are not bulk-written (their parent's collection changes too): use {@link #insert}.
     */
    public NewCustomerItems newCustomerItems(String tenant, Customer customer, List<AuditEntry> changes) {
        if (customer.fields().parentId() != null) {
            throw new IllegalArgumentException("a child account is inserted with its parent's entry: use insert");
        }
        List<TransactWriteItem> conditions = new ArrayList<>();
        for (UniqueKey unique : UniqueKey.values()) {
            String value = unique.valueOf(customer.fields());
            if (value != null) {
                conditions.add(putGuard(tenant, unique, value, customer.id(), true));
            }
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(toItem(tenant, customer));
        duplicateKeys(tenant, customer.id(), null, customer.fields()).forEach(write -> items.add(write.put().item()));
        items.addAll(audit.items(tenant, customer.id(), changes, customer.id()));
        return new NewCustomerItems(conditions, items, tagsOf(customer.fields()));
    }

    /** See {@link #newCustomerItems}; {@code tags} lower-cased, each counted once. */
    public record NewCustomerItems(List<TransactWriteItem> conditions, List<Map<String, AttributeValue>> items, Set<String> tags) {
    }

    /** Writes the new field values of {@code after} over {@code before}, if nobody changed it meanwhile. */
    public Customer update(String tenant, Customer before, Customer after, List<AuditEntry> changes) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(profileUpdate(tenant, before.version(), after)).build());
        for (UniqueKey unique : UniqueKey.values()) {
            String old = unique.valueOf(before.fields());
            String now = unique.valueOf(after.fields());
            if (old != null && now != null && old.equalsIgnoreCase(now)) {
                continue;
            }
            if (old != null) {
                writes.add(deleteGuard(tenant, unique, old, before.id()));
            }
            if (now != null) {
                writes.add(putGuard(tenant, unique, now, after.id()));
            }
        }
        writes.addAll(tagCounts(tenant, tagsOf(before.fields()), tagsOf(after.fields())));
        writes.addAll(hierarchy(tenant, before, after));
        writes.addAll(duplicateKeys(tenant, after.id(), before.fields(), after.fields()));
        writes.addAll(audit.writes(tenant, after.id(), changes));
        // nor is an erased person's mobile or e-mail given to another customer (a rectification included)
        writes.addAll(suppressions.notSuppressed(tenant, changed(before.fields().mobile(), after.fields().mobile()),
                changed(before.fields().email(), after.fields().email())));
        transact(tenant, writes, after);
        return after;
    }

    /** The new value where it differs from the old one (case aside), else null: only new values are checked. */
    private static String changed(String old, String now) {
        return now == null || now.equalsIgnoreCase(old) ? null : now;
    }

    /**
     * Removes every partition of the customer (history, audit, collection) and the guards. The
     * dependent items go first and the profile last, so a function stopped half-way leaves a
     * customer that a retried DELETE removes.
     */
    public void delete(String tenant, Customer current) {
        if (!children(tenant, current.id(), 10, null).items().isEmpty()) {
            throw new ApiException(409, "Conflict", "the customer has child accounts: give them another parent (or none) first");
        }
        List<WriteRequest> dependents = new ArrayList<>();
        for (String pk : partitionsOf(tenant, current.id())) {
            forEachKey(pk, itemKey -> {
                if (!PROFILE.equals(itemKey.get(SK).s())) {
                    dependents.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(itemKey).build()).build());
                }
            });
        }
        batches.write(table, dependents);

        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key(collection(tenant, current.id()), PROFILE))
                .conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(current.version()))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        for (UniqueKey unique : UniqueKey.values()) {
            String value = unique.valueOf(current.fields());
            if (value != null) {
                writes.add(deleteGuard(tenant, unique, value, current.id()));
            }
        }
        writes.addAll(tagCounts(tenant, tagsOf(current.fields()), List.of()));
        writes.addAll(hierarchy(tenant, current, null));
        writes.addAll(duplicateKeys(tenant, current.id(), current.fields(), null));
        transact(tenant, writes, current);
    }

    /** Calls back with the key of every item of one partition. */
    public void forEachKey(String pk, java.util.function.Consumer<Map<String, AttributeValue>> action) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoErrors.call(() -> dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .projectionExpression("pk, sk").exclusiveStartKey(from)));
            page.items().forEach(action);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** Newest update first; {@code updatedSince} keeps only customers updated at or after it. */
    public Page<Customer> listByUpdated(String tenant, int pageSize, String cursor, Instant updatedSince,
                                        Predicate<Customer> visible) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS(listPartition(tenant)));
        String condition = "gsi1pk = :p";
        if (updatedSince != null) {
            condition += " AND gsi1sk >= :since";
            values.put(":since", AttributeValue.fromS(SortKeys.instant(updatedSince)));
        }
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(BY_UPDATED)
                .keyConditionExpression(condition).expressionAttributeValues(values).scanIndexForward(false).build();
        return pageOf(query, tenant, pageSize, cursor, GSI1_PK, listPartition(tenant), GSI1_SK, visible);
    }

    /** Customers whose name starts with the prefix, ignoring case and accents, in name order. */
    public Page<Customer> searchByName(String tenant, String prefix, int pageSize, String cursor, Predicate<Customer> visible) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(BY_NAME)
                .keyConditionExpression("gsi2pk = :p AND begins_with(gsi2sk, :prefix)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(namePartition(tenant)),
                        ":prefix", AttributeValue.fromS(searchable(prefix))))
                .build();
        return pageOf(query, tenant, pageSize, cursor, GSI2_PK, namePartition(tenant), GSI2_SK, visible);
    }

    /** The accounts whose {@code parentId} is this customer, as kept in its collection ({@code CHILD#id}). */
    public Page<ChildAccount> children(String tenant, String parentId, int pageSize, String cursor) {
        String pk = collection(tenant, parentId);
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":c", AttributeValue.fromS(CHILD_PREFIX)))
                .build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = Cursors.decode(cursor, 1)[0];
            if (!sk.startsWith(CHILD_PREFIX)) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = key(pk, sk);
        }
        return QueryPager.page(dynamo, query, pageSize, start, item -> true, item -> Cursors.encode(item.get(SK).s()))
                .map(CustomerRepository::toChild);
    }

    public static ChildAccount toChild(Map<String, AttributeValue> item) {
        return new ChildAccount(item.get("id").s(), item.containsKey("name") ? item.get("name").s() : null,
                item.containsKey("customerType") ? CustomerType.valueOf(item.get("customerType").s()) : null,
                item.containsKey("contactClass") ? item.get("contactClass").s() : null);
    }

    /** The hierarchy entries a write needs: the child's entry under its (new) parent, removed from the old one. */
    private List<TransactWriteItem> hierarchy(String tenant, Customer before, Customer after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        String oldParent = before == null ? null : before.fields().parentId();
        String newParent = after == null ? null : after.fields().parentId();
        if (oldParent != null && !oldParent.equals(newParent)) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(collection(tenant, oldParent), CHILD_PREFIX + before.id())).build()).build());
        }
        if (newParent != null) {
            ChildAccount child = new ChildAccount(after.id(), after.fields().name(), after.fields().customerType(),
                    after.fields().contactClass());
            boolean unchanged = before != null && newParent.equals(oldParent) && child.equals(new ChildAccount(before.id(),
                    before.fields().name(), before.fields().customerType(), before.fields().contactClass()));
            if (!unchanged) {
                Map<String, AttributeValue> item = new LinkedHashMap<>(AttributeValues.fromObject(json.valueToTree(child)));
                item.put(PK, AttributeValue.fromS(collection(tenant, newParent)));
                item.put(SK, AttributeValue.fromS(CHILD_PREFIX + after.id()));
                item.put(ITEM_TYPE, AttributeValue.fromS("CHILD"));
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
                // the parent must still exist when the child points at it
                writes.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                        .key(key(collection(tenant, newParent), PROFILE)).conditionExpression("attribute_exists(pk)").build()).build());
            }
        }
        return writes;
    }

    /** Other customers sharing a duplicate key with this one, each with the kinds of key they share. */
    public Map<String, List<DuplicateKeys.Kind>> duplicatesOf(String tenant, Customer customer) {
        Map<String, List<DuplicateKeys.Kind>> found = new LinkedHashMap<>();
        duplicateKeys.of(customer.fields()).forEach((kind, value) -> forEachKey(DuplicateKeys.partition(tenant, kind, value), key -> {
            String other = key.get(SK).s();
            if (!other.equals(customer.id())) {
                found.computeIfAbsent(other, id -> new ArrayList<>()).add(kind);
            }
        }));
        return found;
    }

    private List<TransactWriteItem> duplicateKeys(String tenant, String id, CustomerDraft before, CustomerDraft after) {
        Map<DuplicateKeys.Kind, String> old = duplicateKeys.of(before);
        Map<DuplicateKeys.Kind, String> now = duplicateKeys.of(after);
        List<TransactWriteItem> writes = new ArrayList<>();
        old.forEach((kind, value) -> {
            if (!value.equals(now.get(kind))) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(DuplicateKeys.partition(tenant, kind, value), id)).build()).build());
            }
        });
        now.forEach((kind, value) -> {
            if (!value.equals(old.get(kind))) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                        PK, AttributeValue.fromS(DuplicateKeys.partition(tenant, kind, value)), SK, AttributeValue.fromS(id),
                        ITEM_TYPE, AttributeValue.fromS("DUPLICATE_KEY"))).build()).build());
            }
        });
        return writes;
    }

    /** The tag cloud: every tag carried by at least one customer, with how many carry it. */
    public Map<String, Long> tagCounts(String tenant) {
        Map<String, Long> counts = new LinkedHashMap<>();
        PartitionReader.items(dynamo, table, tagsPartition(tenant)).forEach(item -> {
            long count = Long.parseLong(item.get("count").n());
            if (count > 0) {
                counts.put(item.get("tag").s(), count);
            }
        });
        return counts;
    }

    public Customer toCustomer(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        try {
            CustomerDraft fields = lenientReader.treeToValue(node, CustomerDraft.class);
            CustomerStats stats = node.hasNonNull("stats")
                    ? lenientReader.treeToValue(node.get("stats"), CustomerStats.class) : CustomerStats.empty();
            return new Customer(node.path("id").asText(), fields, stats, Authorized.of(item, fields, clock::instant),
                    node.path("version").asLong(),
                    Instant.parse(node.path("createdAt").asText()), Instant.parse(node.path("updatedAt").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored customer item cannot be read", e);
        }
    }

    private Map<String, AttributeValue> toItem(String tenant, Customer customer) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(customer));
        item.put(PK, AttributeValue.fromS(collection(tenant, customer.id())));
        item.put(SK, AttributeValue.fromS(PROFILE));
        item.put(ITEM_TYPE, AttributeValue.fromS("CUSTOMER"));
        item.put(TENANT, AttributeValue.fromS(tenant));
        item.putAll(indexKeys(tenant, customer));
        return item;
    }

    private Map<String, AttributeValue> indexKeys(String tenant, Customer customer) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put(GSI1_PK, AttributeValue.fromS(listPartition(tenant)));
        keys.put(GSI1_SK, AttributeValue.fromS(SortKeys.instant(customer.updatedAt()) + "#" + customer.id()));
        keys.put(GSI2_PK, AttributeValue.fromS(namePartition(tenant)));
        keys.put(GSI2_SK, AttributeValue.fromS(searchable(customer.fields().name()) + "#" + customer.id()));
        return keys;
    }

    /** SET of every written field and index key, REMOVE of the absent ones; stats stay as they are. */
    private Update profileUpdate(String tenant, long expectedVersion, Customer after) {
        ItemUpdate update = new ItemUpdate().fields(json.valueToTree(after.fields()), DRAFT_FIELDS);
        indexKeys(tenant, after).forEach(update::set);
        update.set("version", AttributeValue.fromN(Long.toString(after.version())))
                .set("updatedAt", AttributeValue.fromS(after.updatedAt().toString()));
        return update.build(table, key(collection(tenant, after.id()), PROFILE), "version = :expected",
                Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))));
    }

    private Page<Customer> pageOf(QueryRequest query, String tenant, int pageSize, String cursor,
                                  String indexPk, String indexPartition, String indexSk, Predicate<Customer> visible) {
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String[] parts = Cursors.decode(cursor, 2);
            if (!Ids.isValid(parts[1])) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = Map.of(indexPk, AttributeValue.fromS(indexPartition), indexSk, AttributeValue.fromS(parts[0]),
                    PK, AttributeValue.fromS(collection(tenant, parts[1])), SK, AttributeValue.fromS(PROFILE));
        }
        String prefix = tenant + "#";
        return QueryPager.page(dynamo, query, pageSize, start,
                        item -> visible.test(toCustomer(item)),
                        item -> Cursors.encode(item.get(indexSk).s(), item.get(PK).s().substring(prefix.length())))
                .map(this::toCustomer);
    }

    private static Set<String> tagsOf(CustomerDraft draft) {
        return draft.tags() == null ? Set.of()
                : draft.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private List<TransactWriteItem> tagCounts(String tenant, java.util.Collection<String> before, java.util.Collection<String> after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (String tag : after) {
            if (!before.contains(tag)) {
                writes.add(tagCount(tenant, tag, 1));
            }
        }
        for (String tag : before) {
            if (!after.contains(tag)) {
                writes.add(tagCount(tenant, tag, -1));
            }
        }
        return writes;
    }

    /** Adds {@code delta} to the count of one tag (a bulk writer adds a chunk's counts at once). */
    public TransactWriteItem tagCount(String tenant, String tag, int delta) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(tagsPartition(tenant), "TAG#" + tag))
                .updateExpression("ADD #count :delta SET #tag = :tag")
                .expressionAttributeNames(Map.of("#count", "count", "#tag", "tag"))
                .expressionAttributeValues(Map.of(":delta", AttributeValue.fromN(Integer.toString(delta)),
                        ":tag", AttributeValue.fromS(tag)))
                .build()).build();
    }

    private TransactWriteItem putGuard(String tenant, UniqueKey unique, String value, String owner) {
        return putGuard(tenant, unique, value, owner, false);
    }

    /** {@code repeatable}: the put passes again when the guard already names the same owner (a resumed bulk writer). */
    private TransactWriteItem putGuard(String tenant, UniqueKey unique, String value, String owner, boolean repeatable) {
        Put.Builder put = Put.builder().tableName(guards)
                .item(Map.of(PK, AttributeValue.fromS(guard(tenant, unique, value)), SK, AttributeValue.fromS(GUARD),
                        ITEM_TYPE, AttributeValue.fromS("GUARD"), OWNER, AttributeValue.fromS(owner),
                        TENANT, AttributeValue.fromS(tenant)))
                .conditionExpression(repeatable ? "attribute_not_exists(pk) OR " + OWNER + " = :owner" : "attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (repeatable) {
            put.expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * Gives back the guards a bulk writer took for customers it will not store after all (their
     * profiles were never written): each only while it still names that customer.
     */
    public void releaseGuards(String tenant, List<Customer> unstored) {
        List<TransactWriteItem> deletes = new ArrayList<>();
        for (Customer customer : unstored) {
            for (UniqueKey unique : UniqueKey.values()) {
                String value = unique.valueOf(customer.fields());
                if (value != null) {
                    deletes.add(deleteGuard(tenant, unique, value, customer.id()));
                }
            }
        }
        for (int from = 0; from < deletes.size(); from += 100) {
            List<TransactWriteItem> part = deletes.subList(from, Math.min(from + 100, deletes.size()));
            DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(part)));
        }
    }

    private TransactWriteItem deleteGuard(String tenant, UniqueKey unique, String value, String owner) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(guards)
                .key(key(guard(tenant, unique, value), GUARD))
                .conditionExpression("attribute_not_exists(pk) OR customerId = :owner")
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)))
                .build()).build();
    }

    private void transact(String tenant, List<TransactWriteItem> writes, Customer subject) {
        try {
            DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
        } catch (TransactionCanceledException e) {
            throw explain(tenant, writes, e, subject);
        }
    }

    /** Says which condition failed: a duplicate mobile, email or external id (409), or a stale version (412). */
    private ApiException explain(String tenant, List<TransactWriteItem> writes, TransactionCanceledException e, Customer subject) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        List<FieldError> duplicates = new ArrayList<>();
        String existingId = null;
        for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
            CancellationReason reason = reasons.get(i);
            if ("TransactionConflict".equals(reason.code())) {
                return new ApiException(409, "Conflict", "the customer is being changed by another request; retry");
            }
            if (!"ConditionalCheckFailed".equals(reason.code())) {
                continue;
            }
            TransactWriteItem write = writes.get(i);
            if (write.conditionCheck() != null && Suppressions.isSuppressionKey(write.conditionCheck().key().get(PK).s())) {
                return suppressed(write.conditionCheck().key().get(PK).s());
            }
            if (i == 0) {
                if (write.put() == null) {
                    long current = reason.item() != null && reason.item().containsKey("version")
                            ? Long.parseLong(reason.item().get("version").n())
                            : find(tenant, subject.id()).map(Customer::version).orElse(-1L);
                    return current < 0 ? ApiException.notFound("customer " + subject.id()) : ApiException.stale(current);
                }
                return new ApiException(409, "Conflict", "the id is already taken; retry");
            }
            if (write.put() != null) {
                String pk = write.put().item().get(PK).s();
                UniqueKey unique = uniqueOf(tenant, pk);
                String owner = reason.item() != null && reason.item().containsKey(OWNER)
                        ? reason.item().get(OWNER).s()
                        : findIdBy(tenant, unique, pk.substring(tenant.length() + unique.name().length() + 2)).orElse("unknown");
                existingId = existingId == null ? owner : existingId;
                duplicates.add(new FieldError(unique.field(), "already used by customer " + owner));
            }
        }
        if (!duplicates.isEmpty()) {
            return new ApiException(409, "Conflict", "another customer already has this "
                    + duplicates.stream().map(FieldError::field).collect(Collectors.joining(", ")),
                    duplicates, Map.of("existingId", existingId));
        }
        return new ApiException(409, "Conflict", "the customer changed during the request; retry");
    }

    /** 409: this mobile or email belongs to a person who asked to be erased. */
    static ApiException suppressed(String suppressionPk) {
        String field = suppressionPk.contains("#SUPPRESSED#EMAIL#") ? "email" : "mobile";
        return new ApiException(409, "Conflict", "this " + field + " belongs to a person who asked to be erased (GDPR Art. 17);"
                + " they are on the suppression list and are not created again",
                List.of(new FieldError(field, "is on the suppression list of erased people")), Map.of("suppressed", true));
    }

    private static UniqueKey uniqueOf(String tenant, String guardPk) {
        String rest = guardPk.substring(tenant.length() + 1);
        return UniqueKey.valueOf(rest.substring(0, rest.indexOf('#')));
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
