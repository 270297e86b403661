package com.customerhub.alerts;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The alert rule use cases: create, read, list, replace, delete, and a dry run ({@link #test}). */
@Singleton
public class AlertRuleService {
    /** A dry run reads at most this many customers, so it answers within the API's time limit. */
    public static final int TEST_MAX_EXAMINED = 20_000;
    public static final int TEST_SAMPLE = 10;

    private final AlertRuleRepository repository;
    private final RuleValidator validator;
    private final CustomerRepository customers;
    private final DynamoDbClient dynamo;
    private final String customersTable;
    private final Ids ids;
    private final Clock clock;

    public AlertRuleService(AlertRuleRepository repository, RuleValidator validator, CustomerRepository customers,
                            DynamoDbClient dynamo, TableNames tables, Ids ids, Clock clock) {
        this.repository = repository;
        this.validator = validator;
        this.customers = customers;
        this.dynamo = dynamo;
        this.customersTable = tables.customers();
        this.ids = ids;
        this.clock = clock;
    }

    public AlertRule create(Identity who, ObjectNode body) {
        RuleValidator.Draft draft = validator.validate(body);
        Instant now = now();
        AlertRule rule = new AlertRule(ids.next(), draft.name(), draft.description(), draft.severity(), draft.message(),
                draft.condition(), draft.enabled(), draft.quickActions(), 1, now, now, null);
        repository.put(who.tenantId(), rule, 0);
        return rule;
    }

    public AlertRule get(Identity who, String id) {
        return repository.find(who.tenantId(), id).filter(rule -> !rule.isDeleted())
                .orElseThrow(() -> ApiException.notFound("alert rule " + (Ids.isValid(id) ? id : "(invalid id)")));
    }

    public Page<AlertRule> list(Identity who, int pageSize, String cursor) {
        return repository.list(who.tenantId(), pageSize, cursor);
    }

    /** Replaces the rule; {@code expectedVersion} (from If-Match) is optional. */
    public AlertRule replace(Identity who, String id, Long expectedVersion, ObjectNode body) {
        AlertRule current = get(who, id);
        checkVersion(current, expectedVersion);
        RuleValidator.Draft draft = validator.validate(body);
        AlertRule updated = new AlertRule(id, draft.name(), draft.description(), draft.severity(), draft.message(),
                draft.condition(), draft.enabled(), draft.quickActions(), current.version() + 1, current.createdAt(), now(), null);
        repository.put(who.tenantId(), updated, current.version());
        return updated;
    }

    /**
     * Deletes the rule for the API at once; its item stays as a disabled tombstone until the next
     * evaluator run has resolved its alerts (which may be many, too many for one request).
     */
    public void delete(Identity who, String id, Long expectedVersion) {
        AlertRule current = get(who, id);
        checkVersion(current, expectedVersion);
        Instant now = now();
        AlertRule tombstone = new AlertRule(id, current.name(), current.description(), current.severity(), current.message(),
                current.condition(), false, current.quickActions(), current.version() + 1, current.createdAt(), now, now);
        repository.put(who.tenantId(), tombstone, current.version());
    }

    /** The answer of {@code POST /alert-rules/{id}/test}. */
    public record TestResult(String ruleId, long matched, long examined, boolean complete, List<Sample> sample) {
    }

    /** One matching customer with the message the alert would carry. */
    public record Sample(String customerId, String name, String message) {
    }

    /**
     * How many of the caller's visible, unrestricted customers match the rule now, and a sample,
     * without raising anything. Reads the tenant's customers newest first, up to
     * {@value #TEST_MAX_EXAMINED}; {@code complete} says whether all were read.
     */
    public TestResult test(Identity who, String id) {
        CompiledRule compiled = validator.compile(get(who, id));
        QueryRequest query = QueryRequest.builder().tableName(customersTable).indexName(CustomerKeys.BY_UPDATED)
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(CustomerKeys.listPartition(who.tenantId()))))
                .scanIndexForward(false).limit(500).build();
        long matched = 0;
        long examined = 0;
        List<Sample> sample = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest page = start == null ? query : query.toBuilder().exclusiveStartKey(start).build();
            var response = DynamoErrors.call(() -> dynamo.query(page));
            for (Map<String, AttributeValue> item : response.items()) {
                examined++;
                Customer customer = customers.toCustomer(item);
                if (!who.maySee(customer.fields().contactClass()) || Boolean.TRUE.equals(customer.fields().restricted())
                        || !compiled.condition().test(customer, clock)) {
                    continue;
                }
                matched++;
                if (sample.size() < TEST_SAMPLE) {
                    sample.add(new Sample(customer.id(), customer.fields().name(), compiled.message().render(customer, clock)));
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && examined < TEST_MAX_EXAMINED);
        return new TestResult(id, matched, examined, start == null, sample);
    }

    private static void checkVersion(AlertRule current, Long expected) {
        if (expected != null && expected != current.version()) {
            throw ApiException.stale(current.version());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
