package com.customerhub.alerts;

import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.VersionedPut;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.segment.RulesTableKeys;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.customerhub.core.segment.RulesTableKeys.*;

/** Alert rules in the AlertRulesTable ({@code pk = tenant#RULES}, {@code sk = RULE#<id>}). */
@Singleton
public class AlertRuleRepository {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final ObjectReader reader;

    public AlertRuleRepository(DynamoDbClient dynamo, @Value("${alert.rules.table}") String table, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
        this.reader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The rule, tombstones included (callers of the API filter them out). */
    public Optional<AlertRule> find(String tenant, String id) {
        if (!Ids.isValid(id)) {
            return Optional.empty();
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(tenant, id))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(toRule(response.item())) : Optional.empty();
    }

    /** Puts the rule; {@code expectedVersion} 0 means it must not exist yet; 409/412 otherwise. */
    public void put(String tenant, AlertRule rule, long expectedVersion) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(rule));
        item.putAll(key(tenant, rule.id()));
        item.put("itemType", AttributeValue.fromS("RULE"));
        try {
            VersionedPut.put(dynamo, table, item, expectedVersion);
        } catch (ConditionalCheckFailedException e) {
            if (expectedVersion == 0) {
                throw new ApiException(409, "Conflict", "the id is already taken; retry");
            }
            throw find(tenant, rule.id()).filter(r -> !r.isDeleted()).map(r -> ApiException.stale(r.version()))
                    .orElseGet(() -> ApiException.notFound("alert rule " + rule.id()));
        }
    }

    /** Removes a tombstone once its alerts are resolved; a rule written since then stays. */
    public void purge(String tenant, AlertRule tombstone) {
        try {
            DynamoErrors.call(() -> dynamo.deleteItem(b -> b.tableName(table).key(key(tenant, tombstone.id()))
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(tombstone.version()))))));
        } catch (ConditionalCheckFailedException e) {
            // already purged by a concurrent run
        }
    }

    /** One page of the tenant's rules (tombstones skipped), in id order (= creation order). */
    public Page<AlertRule> list(String tenant, int pageSize, String cursor) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(rules(tenant))))
                .build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String id = Cursors.decode(cursor, 1)[0];
            if (!Ids.isValid(id)) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = key(tenant, id);
        }
        return QueryPager.page(dynamo, query, pageSize, start, item -> !item.containsKey("deletedAt"),
                item -> Cursors.encode(item.get(SK).s().substring(RULE_PREFIX.length()))).map(this::toRule);
    }

    /**
     * Every rule of every tenant, tombstones included, by tenant. The evaluator reads this once per
     * invocation: rules are few, a Scan of the small rules table is the cheapest way to find tenants.
     */
    public Map<String, List<AlertRule>> allByTenant() {
        Map<String, List<AlertRule>> byTenant = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true)
                    .filterExpression("begins_with(sk, :rule)")
                    .expressionAttributeValues(Map.of(":rule", AttributeValue.fromS(RULE_PREFIX)));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            var page = DynamoErrors.call(() -> dynamo.scan(request.build()));
            for (Map<String, AttributeValue> item : page.items()) {
                byTenant.computeIfAbsent(RulesTableKeys.tenantOf(item.get(PK).s()), t -> new ArrayList<>()).add(toRule(item));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return byTenant;
    }

    AlertRule toRule(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        node.remove(PK);
        node.remove(SK);
        node.remove("itemType");
        try {
            return reader.treeToValue(node, AlertRule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule cannot be read", e);
        }
    }

    private static Map<String, AttributeValue> key(String tenant, String id) {
        return Map.of(PK, AttributeValue.fromS(rules(tenant)), SK, AttributeValue.fromS(RULE_PREFIX + id));
    }
}
