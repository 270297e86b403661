package com.customerhub.alerts;

import com.customerhub.core.data.DynamoErrors;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;

import static com.customerhub.core.segment.RulesTableKeys.PK;
import static com.customerhub.core.segment.RulesTableKeys.SK;

/**
 * Who may raise alerts with blind batched puts: one evaluator run at a time. One item in the
 * AlertRulesTable, {@code pk = EVALUATOR}, {@code sk = RAISE_LEASE}, with the owner's run id and
 * when the lease lapses (a run that died leaves it to expire). Taken only by a run that has
 * something to raise, so a run over unchanged data writes nothing here either.
 */
@Singleton
public class RaiseLease {
    private static final Map<String, AttributeValue> KEY = Map.of(PK, AttributeValue.fromS("EVALUATOR"), SK, AttributeValue.fromS("RAISE_LEASE"));
    private static final Map<String, String> NAMES = Map.of("#owner", "owner", "#until", "until");

    private final DynamoDbClient dynamo;
    private final String table;

    public RaiseLease(DynamoDbClient dynamo, @Value("${alert.rules.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Takes the lease until {@code untilMillis} unless another run holds a live one. */
    public boolean acquire(String owner, long nowMillis, long untilMillis) {
        try {
            DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(PK, KEY.get(PK), SK, KEY.get(SK), "owner", AttributeValue.fromS(owner),
                            "until", AttributeValue.fromN(Long.toString(untilMillis))))
                    .conditionExpression("attribute_not_exists(pk) OR #until < :now OR #owner = :owner")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(nowMillis)),
                            ":owner", AttributeValue.fromS(owner)))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    /** Gives the lease back (a no-op when it lapsed and another run took it). */
    public void release(String owner) {
        try {
            DynamoErrors.call(() -> dynamo.deleteItem(b -> b.tableName(table).key(KEY)
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)))));
        } catch (ConditionalCheckFailedException lapsed) {
            // another run holds it now
        }
    }
}
