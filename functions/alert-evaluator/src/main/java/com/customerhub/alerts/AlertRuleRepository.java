package com.customerhub.alerts;

import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.VersionedDocuments;
import com.customerhub.core.segment.RulesTableKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.customerhub.core.segment.RulesTableKeys.PK;
import static com.customerhub.core.segment.RulesTableKeys.RULE_PREFIX;

/** Alert rules in the AlertRulesTable ({@code pk = tenant#RULES}, {@code sk = RULE#<id>}). */
@Singleton
public class AlertRuleRepository {
    static final VersionedDocuments.Kind<AlertRule> KIND =
            new VersionedDocuments.Kind<>(AlertRule.class, "RULE", RulesTableKeys::rules, "alert rule");

    private final DynamoDbClient dynamo;
    private final String table;
    private final VersionedDocuments<AlertRule> documents;

    public AlertRuleRepository(DynamoDbClient dynamo, @Value("${alert.rules.table}") String table, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = table;
        this.documents = new VersionedDocuments<>(dynamo, table, json, KIND);
    }

    /** The rule, tombstones included (callers of the API filter them out). */
    public Optional<AlertRule> find(String tenant, String id) {
        return documents.find(tenant, id);
    }

    /** Puts the rule; {@code expectedVersion} 0 means it must not exist yet (409), else 412 when stale, 404 when gone. */
    public void put(String tenant, AlertRule rule, long expectedVersion) {
        documents.put(tenant, rule, expectedVersion);
    }

    /** Removes a tombstone once its alerts are resolved; a rule written since then stays. */
    public void purge(String tenant, AlertRule tombstone) {
        // false: already purged by a concurrent run, or the rule was written again
        documents.deleteAt(tenant, tombstone.id(), tombstone.version());
    }

    /** One page of the tenant's rules (tombstones skipped), in id order (= creation order). */
    public Page<AlertRule> list(String tenant, int pageSize, String cursor) {
        return documents.list(tenant, pageSize, cursor);
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
                byTenant.computeIfAbsent(RulesTableKeys.tenantOf(item.get(PK).s()), t -> new ArrayList<>()).add(documents.fromItem(item));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return byTenant;
    }
}
