package com.customerhub.core.view;

import com.customerhub.core.customer.ChildAccount;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.settings.SettingsStore;
import com.customerhub.core.settings.TenantSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 360 view's one read beside its Query: the parent's name and, when the settings cache is
 * cold, the tenant's settings, together in one BatchGetItem (or one GetItem when only one is
 * needed), so the view never makes more than two DynamoDB calls.
 */
@Singleton
public class ParentAndSettings {
    public record Result(ChildAccount parent, TenantSettings settings) {
    }

    private final DynamoDbClient dynamo;
    private final CustomerRepository customers;
    private final SettingsService settings;
    private final SettingsStore store;

    public ParentAndSettings(DynamoDbClient dynamo, CustomerRepository customers, SettingsService settings, SettingsStore store) {
        this.dynamo = dynamo;
        this.customers = customers;
        this.settings = settings;
        this.store = store;
    }

    public Result read(Identity who, Customer customer) {
        String parentId = customer.fields().parentId();
        TenantSettings cached = settings.cached(who.tenantId()).orElse(null);
        if (cached != null || parentId == null) {
            return new Result(parentId == null ? null : parentOf(who, parentId),
                    cached != null ? cached : settings.current(who.tenantId()));
        }
        List<Map<String, AttributeValue>> keys = List.of(
                Map.of(CustomerKeys.PK, AttributeValue.fromS(CustomerKeys.collection(who.tenantId(), parentId)),
                        CustomerKeys.SK, AttributeValue.fromS(CustomerKeys.PROFILE)),
                SettingsStore.key(who.tenantId()));
        var answer = DynamoErrors.call(() -> dynamo.batchGetItem(b -> b.requestItems(
                Map.of(store.table(), KeysAndAttributes.builder().keys(keys).consistentRead(true).build()))));
        if (answer.hasUnprocessedKeys() && !answer.unprocessedKeys().isEmpty()) {
            // throttled: read the two one by one rather than retry the batch
            return new Result(parentOf(who, parentId), settings.current(who.tenantId()));
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(answer.responses().getOrDefault(store.table(), List.of()));
        TenantSettings found = null;
        ChildAccount parent = null;
        for (Map<String, AttributeValue> item : items) {
            if (SettingsStore.isSettingsItem(item)) {
                found = store.fromItem(item);
            } else {
                Customer p = customers.toCustomer(item);
                if (who.maySee(p.fields().contactClass())) {
                    parent = new ChildAccount(p.id(), p.fields().name(), p.fields().customerType(), p.fields().contactClass());
                }
            }
        }
        return new Result(parent, settings.remember(who.tenantId(), found));
    }

    private ChildAccount parentOf(Identity who, String parentId) {
        return customers.find(who.tenantId(), parentId)
                .filter(parent -> who.maySee(parent.fields().contactClass()))
                .map(parent -> new ChildAccount(parent.id(), parent.fields().name(), parent.fields().customerType(),
                        parent.fields().contactClass()))
                .orElse(null);
    }
}
