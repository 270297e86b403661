package com.customerhub.core.interaction;

import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerStats;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.ItemUpdate;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.PROFILE;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Interactions in the customer's history partition ({@code sk = INTERACTION#<ulid of occurredAt>}),
 * written in one transaction with the profile's stats and ledger, guarded by {@code statsVersion}
 * so that concurrent writes retry instead of losing an update.
 */
@Singleton
public class InteractionRepository {
    public static final String PREFIX = "INTERACTION#";

    /** The profile's stats bookkeeping as read, with the version the write must still find. */
    public record LedgerState(StatsLedger ledger, long statsVersion) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final ObjectReader lenient;

    public InteractionRepository(DynamoDbClient dynamo, TableNames tables, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.json = json;
        this.lenient = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Optional<Interaction> find(String tenant, String customerId, String interactionId) {
        if (!Ids.isValid(interactionId)) {
            return Optional.empty();
        }
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(CustomerKeys.history(tenant, customerId), PREFIX + interactionId))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(toInteraction(response.item())) : Optional.empty();
    }

    /** The ledger on the profile item (empty for a customer without interactions). */
    public LedgerState ledgerOf(Map<String, AttributeValue> profile) {
        long version = profile.containsKey("statsVersion") ? Long.parseLong(profile.get("statsVersion").n()) : 0;
        if (!profile.containsKey("ledger")) {
            return new LedgerState(StatsLedger.empty(), version);
        }
        return new LedgerState(read(AttributeValues.to(profile.get("ledger")), StatsLedger.class), version);
    }

    /** Writes the interaction and the new stats together, if nobody changed the stats meanwhile. */
    public boolean write(String tenant, Interaction interaction, Long expectedInteractionVersion, LedgerState before,
                         StatsLedger ledger, CustomerStats stats) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(interaction));
        item.put(PK, AttributeValue.fromS(CustomerKeys.history(tenant, interaction.customerId())));
        item.put(SK, AttributeValue.fromS(PREFIX + interaction.id()));
        item.put("itemType", AttributeValue.fromS("INTERACTION"));
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (expectedInteractionVersion == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :v").expressionAttributeValues(
                    Map.of(":v", AttributeValue.fromN(Long.toString(expectedInteractionVersion))));
        }
        String condition = before.statsVersion() == 0
                ? "attribute_exists(pk) AND attribute_not_exists(statsVersion)"
                : "attribute_exists(pk) AND statsVersion = :sv";
        Map<String, AttributeValue> conditionValues = before.statsVersion() == 0 ? Map.of()
                : Map.of(":sv", AttributeValue.fromN(Long.toString(before.statsVersion())));
        var profile = new ItemUpdate()
                .set("ledger", AttributeValues.from(json.valueToTree(ledger)))
                .set("stats", AttributeValues.from(json.valueToTree(stats)))
                .set("statsVersion", AttributeValue.fromN(Long.toString(before.statsVersion() + 1)))
                .build(table, key(CustomerKeys.collection(tenant, interaction.customerId()), PROFILE), condition, conditionValues);
        List<TransactWriteItem> writes = List.of(TransactWriteItem.builder().put(put.build()).build(),
                TransactWriteItem.builder().update(profile).build());
        try {
            DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
            var reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.<software.amazon.awssdk.services.dynamodb.model.CancellationReason>of();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw expectedInteractionVersion == null
                        ? new ApiException(409, "Conflict", "the interaction already exists")
                        : new ApiException(412, "Precondition failed", "the interaction changed since you read it; read it again");
            }
            return false; // the stats moved on (or a conflicting transaction): the caller re-reads and retries
        }
    }

    /** Replaces the ledger and stats of a profile (after a merge), if nobody changed them meanwhile. */
    public void replaceLedger(String tenant, String customerId, LedgerState before, StatsLedger ledger, CustomerStats stats) {
        String condition = before.statsVersion() == 0 ? "attribute_exists(pk) AND attribute_not_exists(statsVersion)"
                : "attribute_exists(pk) AND statsVersion = :sv";
        Map<String, AttributeValue> values = before.statsVersion() == 0 ? Map.of()
                : Map.of(":sv", AttributeValue.fromN(Long.toString(before.statsVersion())));
        var update = new ItemUpdate()
                .set("ledger", AttributeValues.from(json.valueToTree(ledger)))
                .set("stats", AttributeValues.from(json.valueToTree(stats)))
                .set("statsVersion", AttributeValue.fromN(Long.toString(before.statsVersion() + 1)))
                .build(table, key(CustomerKeys.collection(tenant, customerId), PROFILE), condition, values);
        DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(update).build())));
    }

    /** Newest first, between two instants, of one type, containing a text in summary or product. */
    public Page<Interaction> history(String tenant, String customerId, Instant from, Instant to, Predicate<Interaction> filter,
                                     int pageSize, String cursor) {
        String pk = CustomerKeys.history(tenant, customerId);
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                        ":from", AttributeValue.fromS(PREFIX + Ids.lowest(from == null ? 0 : from.toEpochMilli())),
                        ":to", AttributeValue.fromS(PREFIX + Ids.highest(to == null ? (1L << 48) - 1 : to.toEpochMilli()))))
                .scanIndexForward(false).build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = Cursors.decode(cursor, 1)[0];
            if (!sk.startsWith(PREFIX)) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = key(pk, sk);
        }
        return QueryPager.page(dynamo, query, pageSize, start, item -> filter.test(toInteraction(item)),
                item -> Cursors.encode(item.get(SK).s())).map(this::toInteraction);
    }

    public Interaction toInteraction(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        InteractionFields fields = read(node, InteractionFields.class);
        return new Interaction(node.path("id").asText(), node.path("customerId").asText(), fields,
                node.path("createdBy").asText(null), node.path("version").asLong(),
                Instant.parse(node.path("createdAt").asText()), Instant.parse(node.path("updatedAt").asText()));
    }

    private <T> T read(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
        try {
            return lenient.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored interaction data cannot be read", e);
        }
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
