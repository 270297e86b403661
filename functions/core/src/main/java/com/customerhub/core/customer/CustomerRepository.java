package com.customerhub.core.customer;

import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.BatchWriter;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.data.SortKeys;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static com.customerhub.core.customer.CustomerKeys.*;

/**
 * Customers in DynamoDB. A write and its uniqueness guards and audit entries go in one
 * transaction, so a failed uniqueness check or a stale version leaves nothing behind.
 */
@Singleton
public class CustomerRepository {
    private static final String ITEM_TYPE = "itemType";
    private static final String TENANT = "tenantId";
    private static final String OWNER = "customerId";
    private static final List<String> STORAGE_ONLY = List.of(PK, SK, GSI1_PK, GSI1_SK, GSI2_PK, GSI2_SK, ITEM_TYPE, TENANT);

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final ObjectReader lenientReader;
    private final BatchWriter batches;

    public CustomerRepository(DynamoDbClient dynamo, TableNames tables, ObjectMapper json, BatchWriter batches) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.json = json;
        this.lenientReader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.batches = batches;
    }

    public Optional<Customer> find(String tenant, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(collection(tenant, id), PROFILE))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(toCustomer(response.item())) : Optional.empty();
    }

    /** The id of the live customer holding this mobile, email or external id, if any. */
    public Optional<String> findIdBy(String tenant, UniqueKey key, String value) {
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table)
                .key(key(guard(tenant, key, value), GUARD))));
        return response.hasItem() && response.item().containsKey(OWNER)
                ? Optional.of(response.item().get(OWNER).s()) : Optional.empty();
    }

    public Customer insert(String tenant, Customer customer, List<AuditEntry> audit) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(tenant, customer))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        for (UniqueKey unique : UniqueKey.values()) {
            String value = unique.valueOf(customer.fields());
            if (value != null) {
                writes.add(putGuard(tenant, unique, value, customer.id()));
            }
        }
        audit.forEach(entry -> writes.add(putAudit(tenant, customer.id(), entry, writes.size())));
        transact(tenant, writes, customer);
        return customer;
    }

    public Customer replace(String tenant, Customer before, Customer after, List<AuditEntry> audit) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(toItem(tenant, after))
                .conditionExpression("version = :expected")
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(before.version()))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
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
        audit.forEach(entry -> writes.add(putAudit(tenant, after.id(), entry, writes.size())));
        transact(tenant, writes, after);
        return after;
    }

    /**
     * Removes the whole item collection and the guards. The dependent items go first and the
     * profile last, so a function stopped half-way leaves a customer that a retried DELETE removes.
     */
    public void delete(String tenant, Customer current) {
        String pk = collection(tenant, current.id());
        List<WriteRequest> dependents = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoErrors.call(() -> dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .projectionExpression("pk, sk").exclusiveStartKey(from)));
            page.items().stream()
                    .filter(item -> !PROFILE.equals(item.get(SK).s()))
                    .forEach(item -> dependents.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(item).build()).build()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        batches.write(table, dependents);

        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(pk, PROFILE))
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
        transact(tenant, writes, current);
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

    /** The audit trail of a customer, newest first. */
    public Page<AuditEntry> audit(String tenant, String id, int pageSize, String cursor) {
        String pk = collection(tenant, id);
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :audit)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":audit", AttributeValue.fromS(AUDIT_PREFIX)))
                .scanIndexForward(false).build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = Cursors.decode(cursor, 1)[0];
            if (!sk.startsWith(AUDIT_PREFIX)) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = key(pk, sk);
        }
        return QueryPager.page(dynamo, query, pageSize, start, item -> true, item -> Cursors.encode(item.get(SK).s()))
                .map(this::toAudit);
    }

    public Customer toCustomer(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        STORAGE_ONLY.forEach(node::remove);
        try {
            CustomerDraft fields = lenientReader.treeToValue(node, CustomerDraft.class);
            CustomerStats stats = node.hasNonNull("stats")
                    ? lenientReader.treeToValue(node.get("stats"), CustomerStats.class) : CustomerStats.empty();
            return new Customer(node.path("id").asText(), fields, stats,
                    node.hasNonNull("authorized") ? node.get("authorized").asBoolean() : null,
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
        item.put(GSI1_PK, AttributeValue.fromS(listPartition(tenant)));
        item.put(GSI1_SK, AttributeValue.fromS(SortKeys.instant(customer.updatedAt()) + "#" + customer.id()));
        item.put(GSI2_PK, AttributeValue.fromS(namePartition(tenant)));
        item.put(GSI2_SK, AttributeValue.fromS(searchable(customer.fields().name()) + "#" + customer.id()));
        return item;
    }

    private AuditEntry toAudit(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        return new AuditEntry(node.path("field").asText(), node.get("oldValue"), node.get("newValue"),
                node.path("changedBy").asText(), Instant.parse(node.path("changedAt").asText()),
                node.path("source").asText(null));
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

    private TransactWriteItem putGuard(String tenant, UniqueKey unique, String value, String owner) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of(PK, AttributeValue.fromS(guard(tenant, unique, value)), SK, AttributeValue.fromS(GUARD),
                        ITEM_TYPE, AttributeValue.fromS("GUARD"), OWNER, AttributeValue.fromS(owner),
                        TENANT, AttributeValue.fromS(tenant)))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    private TransactWriteItem deleteGuard(String tenant, UniqueKey unique, String value, String owner) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key(guard(tenant, unique, value), GUARD))
                .conditionExpression("attribute_not_exists(pk) OR customerId = :owner")
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)))
                .build()).build();
    }

    private TransactWriteItem putAudit(String tenant, String customerId, AuditEntry entry, int sequence) {
        ObjectNode node = json.valueToTree(entry);
        Map<String, AttributeValue> item = AttributeValues.fromObject(node);
        item.put(PK, AttributeValue.fromS(collection(tenant, customerId)));
        item.put(SK, AttributeValue.fromS(AUDIT_PREFIX + SortKeys.instant(entry.changedAt()) + "#" + String.format(Locale.ROOT, "%03d", sequence)));
        item.put(ITEM_TYPE, AttributeValue.fromS("AUDIT"));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
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
            if (i == 0) {
                if (write.delete() != null || write.put().conditionExpression().startsWith("version")) {
                    long current = reason.item() != null && reason.item().containsKey("version")
                            ? Long.parseLong(reason.item().get("version").n())
                            : find(tenant, subject.id()).map(Customer::version).orElse(-1L);
                    if (current < 0) {
                        return ApiException.notFound("customer " + subject.id());
                    }
                    return ApiException.stale(current);
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
            return new ApiException(409, "Conflict", "another customer already has " +
                    String.join(", ", duplicates.stream().map(FieldError::field).toList()),
                    duplicates, Map.of("existingId", existingId));
        }
        return new ApiException(409, "Conflict", "the customer changed during the request; retry");
    }

    private static UniqueKey uniqueOf(String tenant, String guardPk) {
        String rest = guardPk.substring(tenant.length() + 1);
        return UniqueKey.valueOf(rest.substring(0, rest.indexOf('#')));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
