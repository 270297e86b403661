package com.customerhub.alerts;

import com.customerhub.core.data.DynamoErrors;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.customerhub.core.segment.RulesTableKeys.PK;
import static com.customerhub.core.segment.RulesTableKeys.SK;

/**
 * Where an evaluator run that ran out of time stopped: per scan segment, the last evaluated key of
 * the Customers table (or done). One item in the AlertRulesTable, {@code pk = EVALUATOR},
 * {@code sk = CHECKPOINT}; written only when a run stops early and removed when a run completes,
 * so a run that finishes in one invocation writes nothing here.
 */
@Singleton
public class EvaluatorCheckpoints {
    private static final Map<String, AttributeValue> KEY = Map.of(PK, AttributeValue.fromS("EVALUATOR"), SK, AttributeValue.fromS("CHECKPOINT"));
    private static final String DONE = "DONE";

    /** Per segment: null = start, empty map = done, else the key to continue after. */
    public record Checkpoint(int segments, List<Map<String, AttributeValue>> positions, Instant startedAt) {
        public boolean done(int segment) {
            Map<String, AttributeValue> position = positions.get(segment);
            return position != null && position.isEmpty();
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public EvaluatorCheckpoints(DynamoDbClient dynamo, @Value("${alert.rules.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<Checkpoint> load() {
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(KEY)));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        int segments = Integer.parseInt(item.get("segments").n());
        List<Map<String, AttributeValue>> positions = new ArrayList<>();
        Map<String, AttributeValue> stored = item.get("positions").m();
        for (int i = 0; i < segments; i++) {
            AttributeValue position = stored.get(Integer.toString(i));
            positions.add(position == null ? null : DONE.equals(position.s()) ? Map.of() : position.m());
        }
        return Optional.of(new Checkpoint(segments, positions, Instant.parse(item.get("startedAt").s())));
    }

    public void save(Checkpoint checkpoint) {
        Map<String, AttributeValue> positions = new HashMap<>();
        for (int i = 0; i < checkpoint.segments(); i++) {
            Map<String, AttributeValue> position = checkpoint.positions().get(i);
            if (position != null) {
                positions.put(Integer.toString(i), position.isEmpty() ? AttributeValue.fromS(DONE) : AttributeValue.fromM(position));
            }
        }
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put("segments", AttributeValue.fromN(Integer.toString(checkpoint.segments())));
        item.put("positions", AttributeValue.fromM(positions));
        item.put("startedAt", AttributeValue.fromS(checkpoint.startedAt().toString()));
        DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    public void clear() {
        DynamoErrors.call(() -> dynamo.deleteItem(b -> b.tableName(table).key(KEY)));
    }
}
