package com.customerhub.core.contact;

import com.customerhub.core.customer.AuditEntry;
import com.customerhub.core.customer.AuditLog;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.Cursors;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.ItemUpdate;
import com.customerhub.core.data.Page;
import com.customerhub.core.data.QueryPager;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Contacts in DynamoDB. The person is kept once ({@code pk = tenant#PERSON#id}, {@code sk = PERSON},
 * with the accounts and roles it relates to) and copied into the item collection of every account
 * ({@code sk = CONTACT#id}), so the 360 view reads contacts with its single Query; a change to the
 * person rewrites every copy in the same transaction.
 */
@Singleton
public class ContactRepository {
    public static final String CONTACT_PREFIX = "CONTACT#";
    /** The most accounts one person may be related to: every copy is rewritten in one transaction. */
    public static final int MAX_ACCOUNTS = 50;
    private static final String PERSON = "PERSON";
    private static final List<String> PERSON_FIELDS = Arrays.stream(Person.class.getRecordComponents())
            .map(c -> c.getName()).toList();

    /** The stored person with its version and accounts. */
    public record StoredPerson(String id, Person person, long version, Instant createdAt, Instant updatedAt,
                               Map<String, List<String>> accounts) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final ObjectReader lenient;
    private final AuditLog audit;

    public ContactRepository(DynamoDbClient dynamo, TableNames tables, ObjectMapper json, AuditLog audit) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.json = json;
        this.lenient = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.audit = audit;
    }

    public static String personKey(String tenant, String contactId) {
        return tenant + "#PERSON#" + contactId;
    }

    public Optional<Contact> find(String tenant, String customerId, String contactId) {
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(CustomerKeys.collection(tenant, customerId), CONTACT_PREFIX + contactId))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(toContact(response.item())) : Optional.empty();
    }

    public Optional<StoredPerson> findPerson(String tenant, String contactId) {
        var response = DynamoErrors.call(() -> dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(personKey(tenant, contactId), PERSON))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = AttributeValues.toObject(response.item());
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        node.path("accounts").fields().forEachRemaining(e -> {
            List<String> roles = new ArrayList<>();
            e.getValue().forEach(r -> roles.add(r.asText()));
            accounts.put(e.getKey(), roles);
        });
        return Optional.of(new StoredPerson(contactId, read(node, Person.class), node.path("version").asLong(),
                Instant.parse(node.path("createdAt").asText()), Instant.parse(node.path("updatedAt").asText()), accounts));
    }

    public Page<Contact> list(String tenant, String customerId, int pageSize, String cursor) {
        String pk = CustomerKeys.collection(tenant, customerId);
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":c", AttributeValue.fromS(CONTACT_PREFIX)))
                .build();
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = Cursors.decode(cursor, 1)[0];
            if (!sk.startsWith(CONTACT_PREFIX)) {
                throw ApiException.badRequest("cursor", "is not a cursor this list returned");
            }
            start = key(pk, sk);
        }
        return QueryPager.page(dynamo, query, pageSize, start, item -> true, item -> Cursors.encode(item.get(SK).s()))
                .map(this::toContact);
    }

    /** A new person and their first account, in one transaction (with the unset of a previous primary, if any). */
    public void create(String tenant, Contact contact, Optional<Contact> previousPrimary, List<AuditEntry> changes) {
        Map<String, AttributeValue> person = AttributeValues.fromObject(json.valueToTree(contact.person()));
        person.put(PK, AttributeValue.fromS(personKey(tenant, contact.id())));
        person.put(SK, AttributeValue.fromS(PERSON));
        person.put("itemType", AttributeValue.fromS("PERSON"));
        person.put("version", AttributeValue.fromN(Long.toString(contact.version())));
        person.put("createdAt", AttributeValue.fromS(contact.createdAt().toString()));
        person.put("updatedAt", AttributeValue.fromS(contact.updatedAt().toString()));
        person.put("accounts", AttributeValue.fromM(Map.of(contact.customerId(), roles(contact.roles()))));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(person)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        writes.add(putCopy(tenant, contact, "attribute_not_exists(pk)"));
        previousPrimary.ifPresent(old -> writes.add(setPrimary(tenant, old, false)));
        writes.addAll(audit.writes(tenant, contact.customerId(), changes));
        transact(writes);
    }

    /**
     * New person fields everywhere: the person item (if its version is still the expected one)
     * and the copy at every account; at {@code via} also the roles.
     */
    public void update(String tenant, StoredPerson before, Person person, String via, List<String> viaRoles,
                       Instant now, List<AuditEntry> changes) {
        long next = before.version() + 1;
        ObjectNode fields = json.valueToTree(person);
        Map<String, List<String>> accounts = new LinkedHashMap<>(before.accounts());
        accounts.put(via, viaRoles);
        Map<String, AttributeValue> accountValues = new LinkedHashMap<>();
        accounts.forEach((customer, roles) -> accountValues.put(customer, roles(roles)));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(new ItemUpdate().fields(fields, PERSON_FIELDS)
                .set("version", AttributeValue.fromN(Long.toString(next)))
                .set("updatedAt", AttributeValue.fromS(now.toString()))
                .set("accounts", AttributeValue.fromM(accountValues))
                .build(table, key(personKey(tenant, before.id()), PERSON), "version = :expected",
                        Map.of(":expected", AttributeValue.fromN(Long.toString(before.version()))))).build());
        for (String customerId : accounts.keySet()) {
            ItemUpdate copy = new ItemUpdate().fields(fields, PERSON_FIELDS)
                    .set("version", AttributeValue.fromN(Long.toString(next)))
                    .set("updatedAt", AttributeValue.fromS(now.toString()));
            if (customerId.equals(via)) {
                copy.set("roles", roles(viaRoles));
            }
            writes.add(TransactWriteItem.builder().update(copy.build(table,
                    key(CustomerKeys.collection(tenant, customerId), CONTACT_PREFIX + before.id()), "attribute_exists(pk)", Map.of())).build());
        }
        writes.addAll(audit.writes(tenant, via, changes));
        transact(writes);
    }

    /** Relates the person to one more account. */
    public void relate(String tenant, StoredPerson person, Contact copy, List<AuditEntry> changes) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(new ItemUpdate()
                .set("accounts." + copy.customerId(), roles(copy.roles()))
                .build(table, key(personKey(tenant, person.id()), PERSON), "version = :expected",
                        Map.of(":expected", AttributeValue.fromN(Long.toString(person.version()))))).build());
        writes.add(putCopy(tenant, copy, "attribute_not_exists(pk)"));
        writes.addAll(audit.writes(tenant, copy.customerId(), changes));
        transact(writes);
    }

    /** Removes the person from one account, and the person itself when it was the last. */
    public void unrelate(String tenant, StoredPerson person, String customerId, List<AuditEntry> changes) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key(CustomerKeys.collection(tenant, customerId), CONTACT_PREFIX + person.id())).build()).build());
        Map<String, AttributeValue> expected = Map.of(":expected", AttributeValue.fromN(Long.toString(person.version())));
        if (person.accounts().size() <= 1) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(key(personKey(tenant, person.id()), PERSON))
                    .conditionExpression("version = :expected").expressionAttributeValues(expected).build()).build());
        } else {
            writes.add(TransactWriteItem.builder().update(new ItemUpdate().remove("accounts." + customerId)
                    .build(table, key(personKey(tenant, person.id()), PERSON), "version = :expected", expected)).build());
        }
        writes.addAll(audit.writes(tenant, customerId, changes));
        transact(writes);
    }

    /** Makes one contact the primary of its account and the previous one (if any) not. */
    public void makePrimary(String tenant, Contact next, Optional<Contact> previous, List<AuditEntry> changes) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(setPrimary(tenant, next, true));
        previous.filter(old -> !old.id().equals(next.id())).ifPresent(old -> writes.add(setPrimary(tenant, old, false)));
        writes.addAll(audit.writes(tenant, next.customerId(), changes));
        transact(writes);
    }

    private TransactWriteItem setPrimary(String tenant, Contact contact, boolean primary) {
        return TransactWriteItem.builder().update(new ItemUpdate().set("primary", AttributeValue.fromBool(primary))
                .build(table, key(CustomerKeys.collection(tenant, contact.customerId()), CONTACT_PREFIX + contact.id()),
                        "attribute_exists(pk)", Map.of())).build();
    }

    private TransactWriteItem putCopy(String tenant, Contact contact, String condition) {
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(contact));
        item.remove("accounts");
        item.put(PK, AttributeValue.fromS(CustomerKeys.collection(tenant, contact.customerId())));
        item.put(SK, AttributeValue.fromS(CONTACT_PREFIX + contact.id()));
        item.put("itemType", AttributeValue.fromS("CONTACT"));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression(condition).build()).build();
    }

    public Contact toContact(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        List<String> roles = new ArrayList<>();
        node.path("roles").forEach(r -> roles.add(r.asText()));
        return new Contact(node.path("id").asText(), node.path("customerId").asText(), read(node, Person.class), roles,
                node.path("primary").asBoolean(false), node.path("version").asLong(),
                Instant.parse(node.path("createdAt").asText()), Instant.parse(node.path("updatedAt").asText()), null);
    }

    private <T> T read(ObjectNode node, Class<T> type) {
        try {
            return lenient.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored contact cannot be read", e);
        }
    }

    private void transact(List<TransactWriteItem> writes) {
        try {
            DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(writes)));
        } catch (TransactionCanceledException e) {
            boolean stale = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
            throw stale ? new ApiException(412, "Precondition failed", "the contact changed since you read it; read it again")
                    : new ApiException(409, "Conflict", "the contact is being changed by another request; retry");
        }
    }

    private static AttributeValue roles(List<String> roles) {
        return AttributeValue.fromL(roles.stream().map(AttributeValue::fromS).toList());
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
