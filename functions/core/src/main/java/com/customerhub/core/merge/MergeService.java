package com.customerhub.core.merge;

import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.alert.Alert;
import com.customerhub.core.alert.AlertItems;
import com.customerhub.core.contact.ContactRepository;
import com.customerhub.core.customer.AuditLog;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.customer.CustomerValidator;
import com.customerhub.core.customer.DuplicateKeys;
import com.customerhub.core.customer.UniqueKey;
import com.customerhub.core.data.BatchWriter;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.PartitionReader;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.interaction.Interaction;
import com.customerhub.core.interaction.InteractionRepository;
import com.customerhub.core.interaction.StatsLedger;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Merges duplicate customers into a survivor: a preview of the merged record (a chosen customer's
 * value per field, otherwise the survivor's, lists united), then the merge itself: contacts,
 * representatives, alerts, links, interactions and audit move to the survivor, the merged customers
 * disappear. Before anything changes, every item the merge touches is copied to the Merges table,
 * so {@code undo} puts every item back exactly as it was.
 */
@Singleton
public class MergeService {
    static final int MAX_MERGED = 10;
    private static final Set<String> UNITED = Set.of("tags", "interests", "preferredChannels");
    private static final List<String> FIELDS = Arrays.stream(CustomerDraft.class.getRecordComponents()).map(c -> c.getName()).toList();
    /** Items of the collection that move to the survivor; the profile and hierarchy entries do not. */
    private static final List<String> MOVING = List.of(ContactRepository.CONTACT_PREFIX, "AUTH#", "ALERT#", "LINK#", "CONSENT#");

    private final DynamoDbClient dynamo;
    private final CustomerRepository customers;
    private final CustomerService customerService;
    private final CustomerValidator validator;
    private final ContactRepository contacts;
    private final InteractionRepository interactions;
    private final SettingsService settings;
    private final AuditLog audit;
    private final MergeStore store;
    private final BatchWriter batches;
    private final EventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;
    private final AlertItems alertItems;
    private final DuplicateKeys duplicateKeys;
    private final TableNames tables;

    public MergeService(DynamoDbClient dynamo, CustomerRepository customers, CustomerService customerService,
                        CustomerValidator validator, ContactRepository contacts, InteractionRepository interactions,
                        SettingsService settings, AuditLog audit, MergeStore store, BatchWriter batches,
                        EventPublisher events, Ids ids, Clock clock, ObjectMapper json, AlertItems alertItems,
                        DuplicateKeys duplicateKeys, TableNames tables) {
        this.tables = tables;
        this.alertItems = alertItems;
        this.duplicateKeys = duplicateKeys;
        this.dynamo = dynamo;
        this.customers = customers;
        this.customerService = customerService;
        this.validator = validator;
        this.contacts = contacts;
        this.interactions = interactions;
        this.settings = settings;
        this.audit = audit;
        this.store = store;
        this.batches = batches;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    /** {@code preview: true} answers the merged record only; otherwise merges and answers the merge id too. */
    public Map<String, Object> merge(Identity who, ObjectNode body) {
        FieldReader in = new FieldReader(body);
        String survivorId = in.required("survivorId", 64);
        List<String> mergedIds = in.stringList("mergedIds", MAX_MERGED, 64);
        Boolean preview = in.bool("preview");
        FieldReader choices = in.nested("fieldChoices");
        Map<String, String> fieldChoices = new LinkedHashMap<>();
        if (choices != null && body.get("fieldChoices") instanceof ObjectNode given) {
            given.fieldNames().forEachRemaining(field -> {
                if (!FIELDS.contains(field)) {
                    choices.error(field, "is not a customer field");
                } else {
                    String from = choices.string(field, 64);
                    if (from != null) {
                        fieldChoices.put(field, from);
                    }
                }
            });
        }
        if (mergedIds == null || mergedIds.isEmpty()) {
            in.error("mergedIds", "name at least one customer to merge into the survivor");
        } else if (mergedIds.contains(survivorId)) {
            in.error("mergedIds", "a customer cannot be merged into itself");
        }
        fieldChoices.forEach((field, from) -> {
            if (!from.equals(survivorId) && (mergedIds == null || !mergedIds.contains(from))) {
                in.error("fieldChoices." + field, "must name the survivor or one of the merged customers");
            }
        });
        in.throwIfInvalid();

        Customer survivor = customerService.get(who, survivorId);
        List<Customer> merged = mergedIds.stream().map(id -> customerService.get(who, id)).toList();
        for (Customer customer : merged) {
            if (!customers.children(who.tenantId(), customer.id(), 10, null).items().isEmpty()) {
                throw ApiException.badRequest("mergedIds", "customer " + customer.id() + " has child accounts: give them another parent first");
            }
        }
        CustomerDraft draft = mergedDraft(survivor, merged, fieldChoices);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("preview", Boolean.TRUE.equals(preview));
        answer.put("merged", survivor.withFields(draft, survivor.version(), survivor.updatedAt()));
        if (Boolean.TRUE.equals(preview)) {
            return answer;
        }
        String mergeId = apply(who, survivor, merged, draft);
        answer.put("mergeId", mergeId);
        answer.put("merged", customerService.get(who, survivor.id()));
        return answer;
    }

    /** Puts every item the merge touched back as it was, unless the survivor changed since or is gone. */
    public MergeRecord undo(Identity who, String mergeId) {
        MergeRecord record = (Ids.isValid(mergeId) ? store.record(who.tenantId(), mergeId) : java.util.Optional.<MergeRecord>empty())
                .orElseThrow(() -> ApiException.notFound("merge " + mergeId));
        if (MergeRecord.UNDONE.equals(record.status())) {
            throw new ApiException(409, "Conflict", "this merge was already undone");
        }
        Map<String, AttributeValue> survivor = customers.findItem(who.tenantId(), record.survivorId())
                .orElseThrow(() -> new ApiException(409, "Conflict", "the survivor was deleted: the merge cannot be undone"));
        long version = Long.parseLong(survivor.get("version").n());
        long statsVersion = survivor.containsKey("statsVersion") ? Long.parseLong(survivor.get("statsVersion").n()) : 0;
        if (version != record.survivorVersion() || statsVersion != record.survivorStatsVersion()) {
            throw new ApiException(409, "Conflict", "the survivor changed after the merge; undoing would lose those changes");
        }
        Instant now = now();
        MergeRecord undone = new MergeRecord(record.id(), record.survivorId(), record.mergedIds(), MergeRecord.UNDONE,
                record.mergedBy(), record.mergedAt(), record.survivorVersion(), record.survivorStatsVersion(),
                record.partitions(), who.userId(), now);
        store.saveRecord(who.tenantId(), undone, MergeRecord.MERGED);
        restore(record.partitions(), store.snapshots(who.tenantId(), mergeId));
        events.publish(new DomainEvent("CustomersMergeUndone", who.tenantId(),
                Map.of("mergeId", mergeId, "survivorId", record.survivorId(), "restoredIds", record.mergedIds()), now));
        return undone;
    }

    private String apply(Identity who, Customer survivor, List<Customer> merged, CustomerDraft draft) {
        String tenant = who.tenantId();
        String mergeId = ids.next();
        Instant now = now();

        // 1. snapshot everything the merge can touch, before touching anything
        List<String> partitions = new ArrayList<>();
        List<Customer> all = new ArrayList<>(merged);
        all.add(0, survivor);
        for (Customer customer : all) {
            partitions.addAll(CustomerKeys.partitionsOf(tenant, customer.id()));
        }
        List<MergeStore.Snapshot> snapshots = new ArrayList<>();
        Map<String, List<Map<String, AttributeValue>>> before = new HashMap<>();
        for (String partition : partitions) {
            List<Map<String, AttributeValue>> items = PartitionReader.items(dynamo, customers.table(), partition);
            before.put(partition, items);
            items.forEach(item -> snapshots.add(new MergeStore.Snapshot(keyOf(item), item)));
        }
        for (Map<String, AttributeValue> key : externalKeys(tenant, survivor, merged, draft, before)) {
            snapshots.add(new MergeStore.Snapshot(key, get(key)));
        }
        store.saveSnapshots(tenant, mergeId, snapshots, now);

        // 2. move what belongs to the merged customers, then remove them
        List<Interaction> moved = new ArrayList<>();
        String survivorPk = CustomerKeys.collection(tenant, survivor.id());
        Set<String> survivorKeys = new LinkedHashSet<>();
        before.get(survivorPk).forEach(item -> survivorKeys.add(item.get(SK).s()));
        for (Customer from : merged) {
            List<WriteRequest> copies = new ArrayList<>();
            for (Map<String, AttributeValue> item : before.get(CustomerKeys.collection(tenant, from.id()))) {
                String sk = item.get(SK).s();
                if (MOVING.stream().anyMatch(sk::startsWith) && survivorKeys.add(sk)) {
                    copies.add(put(sk.startsWith(AlertItems.SK_PREFIX) ? alertFor(tenant, item, survivor)
                            : retarget(item, survivorPk, survivor.id())));
                    if (sk.startsWith(ContactRepository.CONTACT_PREFIX)) {
                        moveRelation(tenant, sk.substring(ContactRepository.CONTACT_PREFIX.length()), from.id(), survivor.id());
                    }
                }
            }
            for (Map<String, AttributeValue> item : before.get(CustomerKeys.history(tenant, from.id()))) {
                Map<String, AttributeValue> copy = retarget(item, CustomerKeys.history(tenant, survivor.id()), survivor.id());
                copies.add(put(copy));
                moved.add(interactions.toInteraction(copy));
            }
            for (Map<String, AttributeValue> item : before.get(CustomerKeys.audit(tenant, from.id()))) {
                copies.add(put(retarget(item, CustomerKeys.audit(tenant, survivor.id()), survivor.id())));
            }
            batches.write(customers.table(), copies);
            customers.delete(tenant, customers.find(tenant, from.id()).orElseThrow());
        }

        // 3. the survivor takes the merged fields (audited) and the moved interactions' stats
        Customer current = customers.find(tenant, survivor.id()).orElseThrow();
        if (!draft.equals(current.fields())) {
            Customer next = current.withFields(draft, current.version() + 1, now);
            customers.update(tenant, current, next,
                    audit.diff(current.fields(), draft, null, who.userId(), now, "merge:" + mergeId));
        }
        if (!moved.isEmpty()) {
            Map<String, AttributeValue> profile = customers.findItem(tenant, survivor.id()).orElseThrow();
            InteractionRepository.LedgerState state = interactions.ledgerOf(profile);
            StatsLedger ledger = state.ledger();
            for (Interaction interaction : moved) {
                ledger = ledger.apply(null, interaction);
            }
            interactions.replaceLedger(tenant, survivor.id(), state, ledger, ledger.toStats(settings.current(tenant).lifecycle()));
        }
        Map<String, AttributeValue> after = customers.findItem(tenant, survivor.id()).orElseThrow();
        store.saveRecord(tenant, new MergeRecord(mergeId, survivor.id(), merged.stream().map(Customer::id).toList(),
                MergeRecord.MERGED, who.userId(), now, Long.parseLong(after.get("version").n()),
                after.containsKey("statsVersion") ? Long.parseLong(after.get("statsVersion").n()) : 0, partitions, null, null), null);
        events.publish(new DomainEvent("CustomersMerged", tenant, Map.of("mergeId", mergeId, "survivorId", survivor.id(),
                "mergedIds", merged.stream().map(Customer::id).toList()), now));
        return mergeId;
    }

    /** The survivor's fields, a chosen customer's value where the request says so, lists united. */
    CustomerDraft mergedDraft(Customer survivor, List<Customer> merged, Map<String, String> choices) {
        ObjectNode result = json.valueToTree(survivor.fields());
        Map<String, ObjectNode> byId = new LinkedHashMap<>(); // survivor first: united lists keep its order
        byId.put(survivor.id(), json.valueToTree(survivor.fields()));
        merged.forEach(c -> byId.put(c.id(), json.valueToTree(c.fields())));
        for (String field : UNITED) {
            if (choices.containsKey(field)) {
                continue;
            }
            Set<String> union = new LinkedHashSet<>();
            for (ObjectNode node : byId.values()) {
                node.path(field).forEach(value -> union.add(value.asText()));
            }
            ArrayNode array = json.createArrayNode();
            union.forEach(array::add);
            if (!union.isEmpty()) {
                result.set(field, array);
            }
        }
        choices.forEach((field, from) -> {
            JsonNode value = byId.get(from).get(field);
            if (value == null) {
                result.remove(field);
            } else {
                result.set(field, value);
            }
        });
        if (result.path("tags").size() > 30) {
            throw ApiException.badRequest("fieldChoices.tags", "the united tags are more than 30: choose one customer's tags");
        }
        return validator.validate(result);
    }

    private List<Map<String, AttributeValue>> externalKeys(String tenant, Customer survivor, List<Customer> merged, CustomerDraft draft,
                                                          Map<String, List<Map<String, AttributeValue>>> partitions) {
        Set<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
        List<CustomerDraft> drafts = new ArrayList<>();
        drafts.add(survivor.fields());
        drafts.add(draft);
        merged.forEach(c -> drafts.add(c.fields()));
        for (CustomerDraft fields : drafts) {
            for (UniqueKey unique : UniqueKey.values()) {
                String value = unique.valueOf(fields);
                if (value != null) {
                    keys.add(key(CustomerKeys.guard(tenant, unique, value), CustomerKeys.GUARD));
                }
            }
            duplicateKeys.of(fields).forEach((kind, value) -> keys.add(key(DuplicateKeys.partition(tenant, kind, value), null)));
            if (fields.tags() != null) {
                fields.tags().forEach(tag -> keys.add(key(CustomerKeys.tagsPartition(tenant), "TAG#" + tag.toLowerCase(Locale.ROOT))));
            }
        }
        // duplicate-key items are (key, customer id): one per customer involved
        Set<Map<String, AttributeValue>> expanded = new LinkedHashSet<>();
        for (Map<String, AttributeValue> key : keys) {
            if (key.get(SK) == null) {
                List<Customer> everyone = new ArrayList<>(merged);
                everyone.add(survivor);
                everyone.forEach(c -> expanded.add(key(key.get(PK).s(), c.id())));
            } else {
                expanded.add(key);
            }
        }
        List<Customer> everyone = new ArrayList<>(merged);
        everyone.add(survivor);
        for (Customer customer : everyone) {
            if (customer.fields().parentId() != null) {
                expanded.add(key(CustomerKeys.collection(tenant, customer.fields().parentId()), CustomerKeys.CHILD_PREFIX + customer.id()));
            }
        }
        for (Customer customer : merged) {
            for (Map<String, AttributeValue> item : partitions.get(CustomerKeys.collection(tenant, customer.id()))) {
                String sk = item.get(SK).s();
                if (sk.startsWith(ContactRepository.CONTACT_PREFIX)) {
                    expanded.add(key(ContactRepository.personKey(tenant, sk.substring(ContactRepository.CONTACT_PREFIX.length())), "PERSON"));
                }
            }
        }
        Set<String> partitionKeys = new LinkedHashSet<>(partitions.keySet());
        return expanded.stream().filter(k -> !partitionKeys.contains(k.get(PK).s())).toList();
    }

    /** The person now relates to the survivor (with the roles it had at the merged customer) instead. */
    private void moveRelation(String tenant, String contactId, String fromId, String toId) {
        Map<String, AttributeValue> key = key(ContactRepository.personKey(tenant, contactId), "PERSON");
        Map<String, AttributeValue> person = get(key);
        if (person == null || !person.containsKey("accounts")) {
            return;
        }
        Map<String, AttributeValue> accounts = new LinkedHashMap<>(person.get("accounts").m());
        AttributeValue roles = accounts.remove(fromId);
        accounts.putIfAbsent(toId, roles == null ? AttributeValue.fromL(List.of()) : roles);
        Map<String, AttributeValue> updated = new LinkedHashMap<>(person);
        updated.put("accounts", AttributeValue.fromM(accounts));
        DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(customers.table()).item(updated)));
    }

    private void restore(List<String> partitions, List<MergeStore.Snapshot> snapshots) {
        Set<Map<String, AttributeValue>> snapshotKeys = new LinkedHashSet<>();
        snapshots.forEach(s -> snapshotKeys.add(s.key()));
        List<WriteRequest> writes = new ArrayList<>();
        for (String partition : partitions) {
            for (Map<String, AttributeValue> item : PartitionReader.items(dynamo, customers.table(), partition)) {
                Map<String, AttributeValue> key = keyOf(item);
                if (!snapshotKeys.contains(key)) {
                    writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
                }
            }
        }
        List<WriteRequest> guardWrites = new ArrayList<>();
        for (MergeStore.Snapshot snapshot : snapshots) {
            (isGuard(snapshot.key()) ? guardWrites : writes).add(snapshot.item() == null
                    ? WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(snapshot.key()).build()).build()
                    : put(snapshot.item()));
        }
        batches.write(customers.table(), writes);
        batches.write(tables.guards(), guardWrites);
    }

    /** An alert keeps its rule, status and times but becomes the survivor's (its id and index keys follow). */
    private Map<String, AttributeValue> alertFor(String tenant, Map<String, AttributeValue> item, Customer survivor) {
        Alert alert = alertItems.fromItem(item);
        Alert moved = new Alert(Alert.idOf(survivor.id(), alert.ruleId()), survivor.id(), alert.ruleId(), alert.ruleName(),
                alert.severity(), alert.message(), alert.status(), alert.raisedAt(), alert.acknowledgedAt(), alert.acknowledgedBy(),
                alert.resolvedAt(), alert.quickActions());
        return alertItems.toItem(tenant, moved, survivor.fields().contactClass());
    }

    private static Map<String, AttributeValue> retarget(Map<String, AttributeValue> item, String pk, String customerId) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put(PK, AttributeValue.fromS(pk));
        if (copy.containsKey("customerId")) {
            copy.put("customerId", AttributeValue.fromS(customerId));
        }
        return copy;
    }

    /** Guards live in their own table (see {@link TableNames#guards()}); every other journalled item in the customers'. */
    private static boolean isGuard(Map<String, AttributeValue> key) {
        return key.get(SK) != null && CustomerKeys.GUARD.equals(key.get(SK).s());
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        String table = isGuard(key) ? tables.guards() : customers.table();
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key)));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(PK, item.get(PK), SK, item.get(SK));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(pk));
        if (sk != null) {
            key.put(SK, AttributeValue.fromS(sk));
        }
        return Map.copyOf(key);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
