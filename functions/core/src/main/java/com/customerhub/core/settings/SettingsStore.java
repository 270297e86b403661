package com.customerhub.core.settings;

import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.data.VersionedPut;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * One item per tenant in the Customers table ({@code pk = tenant#SETTINGS}, {@code sk = SETTINGS}),
 * which every function already reads, so settings need no table or permission of their own.
 */
@Singleton
public class SettingsStore {
    static final String SORT_KEY = "SETTINGS";
    private static final List<String> STORAGE_ONLY = List.of(PK, SK, "itemType", "tenantId");

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final ObjectMapper json;
    private final ObjectReader reader;

    public SettingsStore(DynamoDbClient dynamo, TableNames tables, ObjectMapper json) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.json = json;
        this.reader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String table() {
        return tables.customers();
    }

    public static Map<String, AttributeValue> key(String tenant) {
        return Map.of(PK, AttributeValue.fromS(tenant + "#SETTINGS"), SK, AttributeValue.fromS(SORT_KEY));
    }

    public static boolean isSettingsItem(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(SK);
        return sk != null && SORT_KEY.equals(sk.s());
    }

    public Optional<TenantSettings> load(String tenant) {
        Map<String, AttributeValue> item = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table())
                .key(key(tenant)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Stores a new version; {@code expectedVersion} 0 = none saved yet. */
    public void save(String tenant, TenantSettings settings, long expectedVersion) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(settings));
        item.putAll(key(tenant));
        item.put("itemType", AttributeValue.fromS("SETTINGS"));
        item.put("tenantId", AttributeValue.fromS(tenant));
        VersionedPut.put(dynamo, table(), item, expectedVersion);
    }

    public TenantSettings fromItem(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        STORAGE_ONLY.forEach(node::remove);
        try {
            return reader.treeToValue(node, TenantSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings cannot be read", e);
        }
    }
}
