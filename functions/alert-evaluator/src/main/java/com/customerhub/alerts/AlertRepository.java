package com.customerhub.alerts;

import com.customerhub.core.alert.Alert;
import com.customerhub.core.alert.AlertItems;
import com.customerhub.core.alert.AlertStatus;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.validation.Ids;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static com.customerhub.core.alert.AlertItems.*;
import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Alert items in the Customers table. Every state change is a conditional write, so two evaluator
 * runs at once, or a run and an agent, never raise the same alert twice or lose an acknowledgement.
 */
@Singleton
public class AlertRepository {
    private static final String STATUS = "#status";
    private static final Map<String, String> NAMES = Map.of(STATUS, "status");
    /** A raise writes only where no alert of the (rule, customer) is open. */
    private static final String RAISE_CONDITION = "attribute_not_exists(pk) OR #status = :resolved";
    private static final Map<String, AttributeValue> RAISE_VALUES = Map.of(":resolved", AttributeValue.fromS(AlertStatus.RESOLVED.name()));

    private final DynamoDbClient dynamo;
    private final String table;
    private final AlertItems items;

    public AlertRepository(DynamoDbClient dynamo, TableNames tables, AlertItems items) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.items = items;
    }

    public Optional<Map<String, AttributeValue>> findItem(String tenant, String customerId, String ruleId) {
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(tenant, customerId, ruleId))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** The alerts of one customer (at most one per rule), in rule order. */
    public List<Alert> ofCustomer(String tenant, String customerId) {
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :alert)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CustomerKeys.collection(tenant, customerId)),
                        ":alert", AttributeValue.fromS(SK_PREFIX)))
                .build();
        return dynamo.queryPaginator(query).items().stream().map(items::fromItem).toList();
    }

    /**
     * Raises the alert unless one is open for this (rule, customer); false when one already is (a
     * concurrent run raised it first). A RESOLVED item is replaced by the new ACTIVE one.
     */
    public boolean raise(String tenant, Alert alert, String contactClass) {
        try {
            DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(items.toItem(tenant, alert, contactClass))
                    .conditionExpression(RAISE_CONDITION)
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(RAISE_VALUES)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** One alert to raise and the customer's contact class (kept on the item to filter lists). */
    public record Raise(Alert alert, String contactClass) {
    }

    /**
     * Raises several alerts with one TransactWriteItems of conditional puts (at most 100), each with
     * the condition of {@link #raise}: one round trip instead of one per alert, and still none raised
     * twice. When a condition fails (a concurrent run raised one of them first) or the transaction
     * conflicts, nothing of it was written and each alert is decided on its own by {@link #raise}.
     * Returns the alerts this call raised.
     */
    public List<Alert> raiseAll(String tenant, List<Raise> raises) {
        if (raises.size() == 1) {
            Raise one = raises.get(0);
            return raise(tenant, one.alert(), one.contactClass()) ? List.of(one.alert()) : List.of();
        }
        List<TransactWriteItem> puts = new ArrayList<>(raises.size());
        for (Raise raise : raises) {
            puts.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(items.toItem(tenant, raise.alert(), raise.contactClass()))
                    .conditionExpression(RAISE_CONDITION).expressionAttributeNames(NAMES).expressionAttributeValues(RAISE_VALUES)).build());
        }
        // the token makes the SDK's retry of a transaction that did commit a no-op, not a failed condition
        String token = UUID.randomUUID().toString();
        try {
            DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(puts).clientRequestToken(token)));
            return raises.stream().map(Raise::alert).toList();
        } catch (TransactionCanceledException e) {
            List<Alert> raised = new ArrayList<>();
            for (Raise raise : raises) {
                if (raise(tenant, raise.alert(), raise.contactClass())) {
                    raised.add(raise.alert());
                }
            }
            return raised;
        }
    }

    /** Resolves the open alert; false when it was not open any more (resolved by a concurrent run). */
    public boolean resolve(String tenant, String customerId, String ruleId, Instant now) {
        try {
            DynamoErrors.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(tenant, customerId, ruleId))
                    .updateExpression("SET #status = :resolved, resolvedAt = :now, " + GSI_PK + " = :partition")
                    .conditionExpression("#status IN (:active, :acknowledged)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(
                            ":resolved", AttributeValue.fromS(AlertStatus.RESOLVED.name()),
                            ":active", AttributeValue.fromS(AlertStatus.ACTIVE.name()),
                            ":acknowledged", AttributeValue.fromS(AlertStatus.ACKNOWLEDGED.name()),
                            ":now", AttributeValue.fromS(now.toString()),
                            ":partition", AttributeValue.fromS(statusPartition(tenant, AlertStatus.RESOLVED))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** ACTIVE → ACKNOWLEDGED; false when the alert was not ACTIVE. */
    public boolean acknowledge(String tenant, String customerId, String ruleId, String userId, Instant now) {
        try {
            DynamoErrors.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(tenant, customerId, ruleId))
                    .updateExpression("SET #status = :acknowledged, acknowledgedAt = :now, acknowledgedBy = :user, "
                            + GSI_PK + " = :partition")
                    .conditionExpression("#status = :active")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(
                            ":active", AttributeValue.fromS(AlertStatus.ACTIVE.name()),
                            ":acknowledged", AttributeValue.fromS(AlertStatus.ACKNOWLEDGED.name()),
                            ":now", AttributeValue.fromS(now.toString()),
                            ":user", AttributeValue.fromS(userId),
                            ":partition", AttributeValue.fromS(statusPartition(tenant, AlertStatus.ACKNOWLEDGED))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** One page of the tenant's alerts in a status, of one rule or all, newest rule and raise first. */
    public Page<Alert> byStatus(String tenant, AlertStatus status, String ruleId, int pageSize, String cursor,
                                Predicate<Map<String, AttributeValue>> visible) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS(statusPartition(tenant, status)));
        String condition = GSI_PK + " = :p";
        if (ruleId != null) {
            condition += " AND begins_with(" + GSI_SK + ", :rule)";
            values.put(":rule", AttributeValue.fromS(ruleId + "#"));
        }
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(BY_ALERT_STATUS)
                .keyConditionExpression(condition).expressionAttributeValues(values).scanIndexForward(false).build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String[] parts = Cursors.decode(cursor, 1)[0].split("#", -1);
            if (parts.length != 3 || !Ids.isValid(parts[0]) || !Ids.isValid(parts[2])) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = Map.of(GSI_PK, AttributeValue.fromS(statusPartition(tenant, status)),
                    GSI_SK, AttributeValue.fromS(String.join("#", parts)),
                    PK, AttributeValue.fromS(CustomerKeys.collection(tenant, parts[2])),
                    SK, AttributeValue.fromS(sortKey(parts[0])));
        }
        return QueryPager.page(dynamo, query, pageSize, start, visible, item -> Cursors.encode(item.get(GSI_SK).s()))
                .map(items::fromItem);
    }

    /**
     * The open (ACTIVE or ACKNOWLEDGED) alerts of a tenant as customer id → rule ids, optionally of
     * one rule only. Read from the status index, so the evaluator knows what is raised without
     * reading every customer's collection.
     */
    public Map<String, Set<String>> open(String tenant, String ruleId) {
        Map<String, Set<String>> open = new HashMap<>();
        for (AlertStatus status : List.of(AlertStatus.ACTIVE, AlertStatus.ACKNOWLEDGED)) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":p", AttributeValue.fromS(statusPartition(tenant, status)));
            String condition = GSI_PK + " = :p";
            if (ruleId != null) {
                condition += " AND begins_with(" + GSI_SK + ", :rule)";
                values.put(":rule", AttributeValue.fromS(ruleId + "#"));
            }
            QueryRequest query = QueryRequest.builder().tableName(table).indexName(BY_ALERT_STATUS)
                    .keyConditionExpression(condition).expressionAttributeValues(values)
                    .projectionExpression(GSI_SK).build();
            for (QueryResponse page : dynamo.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    String[] parts = item.get(GSI_SK).s().split("#", -1);
                    open.computeIfAbsent(parts[2], c -> new HashSet<>()).add(parts[0]);
                }
            }
        }
        return open;
    }

    private static Map<String, AttributeValue> key(String tenant, String customerId, String ruleId) {
        return Map.of(PK, AttributeValue.fromS(CustomerKeys.collection(tenant, customerId)), SK, AttributeValue.fromS(sortKey(ruleId)));
    }
}
