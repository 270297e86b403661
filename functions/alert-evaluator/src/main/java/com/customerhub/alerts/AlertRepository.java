package com.customerhub.alerts;

import com.customerhub.core.alert.Alert;
import com.customerhub.core.alert.AlertItems;
import com.customerhub.core.alert.AlertStatus;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.data.BatchWriter;
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
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static com.customerhub.core.alert.AlertItems.*;
import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Alert items in the Customers table. Resolving and acknowledging are conditional writes, so two
 * evaluator runs at once, or a run and an agent, never resolve twice or lose an acknowledgement;
 * raising is a batched blind put by the one run holding the {@link RaiseLease}.
 */
@Singleton
public class AlertRepository {
    private static final String STATUS = "#status";
    private static final Map<String, String> NAMES = Map.of(STATUS, "status");

    private final DynamoDbClient dynamo;
    private final String table;
    private final AlertItems items;
    private final BatchWriter batches;

    public AlertRepository(DynamoDbClient dynamo, TableNames tables, AlertItems items, BatchWriter batches) {
        this.batches = batches;
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

    /** One alert to raise and the customer's contact class (kept on the item to filter lists). */
    public record Raise(Alert alert, String contactClass) {
    }

    /**
     * Writes raised alerts with BatchWriteItem (25 a request, unprocessed items retried with backoff),
     * without a condition: only for a run holding the {@link RaiseLease}, for (rule, customer) pairs
     * with no open alert when the lease was taken. The key is one per (rule, customer), so writing
     * one twice leaves one alert.
     */
    public void putAll(String tenant, List<Raise> raises) {
        List<WriteRequest> puts = new ArrayList<>(raises.size());
        for (Raise raise : raises) {
            puts.add(WriteRequest.builder().putRequest(p -> p.item(items.toItem(tenant, raise.alert(), raise.contactClass()))).build());
        }
        batches.write(table, puts);
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
