package com.customerhub.core.alert;

import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.SortKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * The alert items of the Customers table, in the customer's item collection so the 360 view reads
 * them with the same Query as the profile:
 * <ul>
 *   <li>{@code pk = tenant#customerId}, {@code sk = ALERT#<ruleId>}, {@code itemType = ALERT};</li>
 *   <li>the fields of {@link Alert}, plus {@code tenantId} and {@code contactClass} (the customer's,
 *   so lists across customers hide what a user may not see);</li>
 *   <li>GSI {@code ByAlertStatus}: {@code alertGsiPk = tenant#ALERTS#<status>},
 *   {@code alertGsiSk = <ruleId>#<raisedAt>#<customerId>} for {@code GET /alerts?status=&ruleId=}.</li>
 * </ul>
 */
@Singleton
public class AlertItems {
    public static final String SK_PREFIX = "ALERT#";
    public static final String ITEM_TYPE = "ALERT";
    public static final String BY_ALERT_STATUS = "ByAlertStatus";
    public static final String GSI_PK = "alertGsiPk";
    public static final String GSI_SK = "alertGsiSk";
    private static final List<String> STORAGE_ONLY = List.of(CustomerKeys.PK, CustomerKeys.SK, GSI_PK, GSI_SK,
            "itemType", "tenantId", "contactClass");

    private final ObjectMapper json;
    private final ObjectReader reader;

    public AlertItems(ObjectMapper json) {
        this.json = json;
        this.reader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static String sortKey(String ruleId) {
        return SK_PREFIX + ruleId;
    }

    public static String statusPartition(String tenant, AlertStatus status) {
        return tenant + "#ALERTS#" + status.name();
    }

    public static String statusSortKey(Alert alert) {
        return alert.ruleId() + "#" + SortKeys.instant(alert.raisedAt()) + "#" + alert.customerId();
    }

    public Map<String, AttributeValue> toItem(String tenant, Alert alert, String contactClass) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(alert));
        item.put(CustomerKeys.PK, AttributeValue.fromS(CustomerKeys.collection(tenant, alert.customerId())));
        item.put(CustomerKeys.SK, AttributeValue.fromS(sortKey(alert.ruleId())));
        item.put("itemType", AttributeValue.fromS(ITEM_TYPE));
        item.put("tenantId", AttributeValue.fromS(tenant));
        if (contactClass != null) {
            item.put("contactClass", AttributeValue.fromS(contactClass));
        }
        item.put(GSI_PK, AttributeValue.fromS(statusPartition(tenant, alert.status())));
        item.put(GSI_SK, AttributeValue.fromS(statusSortKey(alert)));
        return item;
    }

    public Alert fromItem(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        STORAGE_ONLY.forEach(node::remove);
        try {
            return reader.treeToValue(node, Alert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert item cannot be read", e);
        }
    }

    /** The contact class of the customer an alert item belongs to (null = unclassified). */
    public static String contactClassOf(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("contactClass");
        return value == null ? null : value.s();
    }
}
