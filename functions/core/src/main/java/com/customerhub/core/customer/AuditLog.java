package com.customerhub.core.customer;

import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.data.SortKeys;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static com.customerhub.core.customer.CustomerKeys.AUDIT_PREFIX;
import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * The audit trail of a customer (its own fields and its contacts'): who changed which field, when,
 * from what to what. Entries are written in the same transaction as the change and kept without limit.
 */
@Singleton
public class AuditLog {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final Ids ids;

    public AuditLog(DynamoDbClient dynamo, TableNames tables, ObjectMapper json, Ids ids) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.json = json;
        this.ids = ids;
    }

    /** One entry per top-level field whose JSON differs; {@code prefix} names the record, e.g. "contacts.01H..". */
    public List<AuditEntry> diff(Object before, Object after, String prefix, String who, Instant when, String source) {
        ObjectNode old = before == null ? json.createObjectNode() : json.valueToTree(before);
        ObjectNode next = after == null ? json.createObjectNode() : json.valueToTree(after);
        Set<String> names = new TreeSet<>();
        old.fieldNames().forEachRemaining(names::add);
        next.fieldNames().forEachRemaining(names::add);
        List<AuditEntry> entries = new ArrayList<>();
        for (String name : names) {
            JsonNode was = old.get(name);
            JsonNode is = next.get(name);
            if (!Objects.equals(was, is)) {
                entries.add(new AuditEntry(prefix == null ? name : prefix + "." + name, was, is, who, when, source));
            }
        }
        return entries;
    }

    /** The transaction items that record the entries; a sequence and a unique suffix keep same-millisecond entries apart. */
    public List<TransactWriteItem> writes(String tenant, String customerId, List<AuditEntry> entries) {
        return items(tenant, customerId, entries, ids.next()).stream()
                .map(item -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build())
                .toList();
    }

    /**
     * The items that record the entries; {@code suffix} ends each sort key. A writer that may write
     * the same entries again (a resumed import) passes a fixed suffix so the second write overwrites the first.
     */
    public List<Map<String, AttributeValue>> items(String tenant, String customerId, List<AuditEntry> entries, String suffix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry entry = entries.get(i);
            Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(entry));
            item.put(PK, AttributeValue.fromS(CustomerKeys.audit(tenant, customerId)));
            item.put(SK, AttributeValue.fromS(AUDIT_PREFIX + SortKeys.instant(entry.changedAt()) + "#"
                    + threeDigits(i) + "#" + suffix));
            item.put("itemType", AttributeValue.fromS("AUDIT"));
            items.add(item);
        }
        return items;
    }

    /** {@code i} with at least three digits: String.format costs more than the rest of an import's audit item. */
    private static String threeDigits(int i) {
        return i < 1000 ? String.valueOf(1000 + i).substring(1) : String.valueOf(i);
    }

    /** Newest first. */
    public Page<AuditEntry> list(String tenant, String customerId, int pageSize, String cursor) {
        String pk = CustomerKeys.audit(tenant, customerId);
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .scanIndexForward(false).build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = Cursors.decode(cursor, 1)[0];
            if (!sk.startsWith(AUDIT_PREFIX)) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
        }
        return QueryPager.page(dynamo, query, pageSize, start, item -> true, item -> Cursors.encode(item.get(SK).s()))
                .map(this::toEntry);
    }

    private AuditEntry toEntry(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        return new AuditEntry(node.path("field").asText(), node.get("oldValue"), node.get("newValue"),
                node.path("changedBy").asText(), Instant.parse(node.path("changedAt").asText()),
                node.path("source").asText(null));
    }
}
