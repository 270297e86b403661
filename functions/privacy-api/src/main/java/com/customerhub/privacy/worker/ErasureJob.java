package com.customerhub.privacy.worker;

import com.customerhub.core.consent.ConsentService;
import com.customerhub.core.contact.ContactRepository;
import com.customerhub.core.contact.EmailAddress;
import com.customerhub.core.contact.Phone;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.customer.CustomerType;
import com.customerhub.core.data.BatchWriter;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.privacy.Suppressions;
import com.customerhub.core.validation.PhoneNumbers;
import com.customerhub.privacy.requests.AccessDocuments;
import com.customerhub.privacy.requests.PrivacyRequest;
import com.customerhub.privacy.requests.PrivacyRequestRepository;
import com.customerhub.privacy.requests.RequestType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ERASURE (GDPR Art. 17): every step logs what it found before it acts (see {@link Progress}), in
 * an order where the profile goes last, so a re-run after a kill always has what it needs:
 * suppression entries, S3 objects naming the person, contact persons (and the person at other
 * accounts), merge snapshots, child accounts' link to it, then every item of the customer's
 * partitions with its guards, duplicate keys, tag counts and hierarchy entry in the customer
 * repository's delete. The consent ledger and the privacy requests are kept, with reasons.
 * The result is the certificate; {@code CustomerErased} (ids only) tells downstream recipients (Art. 19).
 */
@Singleton
public class ErasureJob implements PrivacyJob {
    private final SubjectData subject;
    private final CustomerRepository customers;
    private final CustomerService customerService;
    private final ContactRepository contacts;
    private final Suppressions suppressions;
    private final ObjectMentions objects;
    private final ConsentService consents;
    private final PrivacyRequestRepository requests;
    private final PhoneNumbers phones;
    private final BatchWriter batches;
    private final DynamoDbClient dynamo;
    private final String mergesTable;
    private final EventPublisher events;
    private final Clock clock;
    private final ObjectMapper json;

    public ErasureJob(SubjectData subject, CustomerRepository customers, CustomerService customerService, ContactRepository contacts,
                      Suppressions suppressions, ObjectMentions objects, ConsentService consents, PrivacyRequestRepository requests,
                      PhoneNumbers phones, BatchWriter batches, DynamoDbClient dynamo, @Value("${merges.table:}") String mergesTable,
                      EventPublisher events, Clock clock, ObjectMapper json) {
        this.subject = subject;
        this.customers = customers;
        this.customerService = customerService;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.objects = objects;
        this.consents = consents;
        this.requests = requests;
        this.phones = phones;
        this.batches = batches;
        this.dynamo = dynamo;
        this.mergesTable = mergesTable;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public boolean handles(RequestType type) {
        return type == RequestType.ERASURE;
    }

    @Override
    public ObjectNode run(Identity who, Progress progress) {
        PrivacyRequest request = progress.request();
        String tenant = who.tenantId();
        String id = request.customerId();
        Customer customer = subject.profile(tenant, id).orElse(null);
        Instant now = clock.instant();
        ObjectNode certificate = json.createObjectNode();
        certificate.put("requestId", request.id());
        certificate.put("customerId", id);
        certificate.put("erasedAt", now.toString());
        if (customer == null && progress.empty()) {
            certificate.put("alreadyErased", true);
            certificate.put("note", "no data is held on customer " + id + ": it was already erased (or never existed here);"
                    + " nothing left to erase");
            return result(certificate);
        }
        certificate.put("alreadyErased", false);
        ArrayNode erased = certificate.putArray("erased");
        addIfPresent(erased, progress.step("suppression", () -> suppression(tenant, customer, request), done -> done));
        addIfPresent(erased, progress.step("s3", () -> s3Inventory(tenant, customer), this::deleteObjects));
        addIfPresent(erased, progress.step("contactPersons", () -> personsInventory(tenant, customer), done -> deletePersons(tenant, id, done)));
        addIfPresent(erased, progress.step("merges", () -> mergesInventory(tenant, id), done -> deleteMerges(tenant, done)));
        addIfPresent(erased, progress.step("childAccounts", () -> childrenInventory(tenant, customer), done -> detachChildren(who, request, done)));
        addIfPresent(erased, progress.step("customer", () -> customerInventory(tenant, customer), done -> deleteCustomer(tenant, id, done)));
        ArrayNode kept = certificate.putArray("kept");
        kept.add(progress.step("consentLedger", () -> ledgerKept(tenant, id), done -> done));
        kept.add(progress.step("privacyRequests", () -> requestsInventory(tenant, id), done -> redactRequests(tenant, id, request.id(), done)));
        kept.add(json.createObjectNode().put("location", "suppression list (CustomersTable)").put("action", "KEPT")
                .put("reason", "only salted hashes of the mobile and email, so the person is not silently re-created (GDPR Art. 17)"));
        certificate.putArray("notRequired").add(json.createObjectNode().put("location", "segments")
                .put("reason", "segment membership is computed from the customers at each read: an erased customer is in none"));
        certificate.putArray("notified").add(json.createObjectNode().put("event", "CustomerErased")
                .put("reason", "downstream recipients on the event bus are told to erase too (GDPR Art. 19)"));
        events.publish(new DomainEvent("CustomerErased", tenant, Map.of("customerId", id, "requestId", request.id()), now));
        return result(certificate);
    }

    private ObjectNode result(ObjectNode certificate) {
        ObjectNode result = json.createObjectNode();
        result.set("certificate", certificate);
        return result;
    }

    private static void addIfPresent(ArrayNode list, ObjectNode entry) {
        if (entry != null) {
            ObjectNode shown = entry.deepCopy();
            shown.remove("done");
            list.add(shown);
        }
    }

    private ObjectNode suppression(String tenant, Customer customer, PrivacyRequest request) {
        List<String> written = suppressions.add(tenant, customer.fields().mobile(), customer.fields().email(), request.id(), clock.instant());
        ObjectNode entry = json.createObjectNode().put("location", "CustomersTable (suppression list)").put("action", "ADDED");
        written.forEach(entry.putArray("hashes")::add);
        return entry;
    }

    private ObjectNode s3Inventory(String tenant, Customer customer) {
        Set<String> needles = new LinkedHashSet<>();
        needles.add(customer.id());
        if (customer.fields().mobile() != null) {
            needles.add(customer.fields().mobile());
            phones.nationalNumber(customer.fields().mobile()).ifPresent(needles::add);
        }
        if (customer.fields().email() != null) {
            needles.add(customer.fields().email());
        }
        List<String> own = requests.ofCustomer(tenant, customer.id()).stream()
                .filter(r -> r.type() == RequestType.ACCESS || r.type() == RequestType.PORTABILITY)
                .map(r -> AccessDocuments.key(tenant, r.id())).toList();
        List<String> keys = objects.find(tenant, needles, own, List.of("authorizations/" + tenant + "/" + customer.id() + "/"));
        ObjectNode entry = json.createObjectNode().put("location", "S3 bucket (reports, exports, imports, access documents, signed authorizations)");
        ArrayNode list = entry.putArray("objects");
        keys.forEach(k -> list.add(json.createObjectNode().put("key", k)));
        return entry;
    }

    private ObjectNode deleteObjects(ObjectNode entry) {
        ArrayNode done = json.createArrayNode();
        Instant now = clock.instant();
        entry.path("objects").forEach(o -> done.add(json.valueToTree(objects.delete(o.path("key").asText(), now))));
        entry.set("objects", done);
        return entry;
    }

    /** The customer's contact persons: deleted where only this customer uses them, or where they are the person erased. */
    private ObjectNode personsInventory(String tenant, Customer customer) {
        ObjectNode entry = json.createObjectNode().put("location", "CustomersTable (contact persons and their copies at other accounts)");
        ArrayNode list = entry.putArray("persons");
        subject.partition(CustomerKeys.collection(tenant, customer.id())).stream()
                .filter(item -> item.get("sk").s().startsWith(ContactRepository.CONTACT_PREFIX))
                .forEach(item -> {
                    String contactId = item.get("sk").s().substring(ContactRepository.CONTACT_PREFIX.length());
                    contacts.findPerson(tenant, contactId).ifPresent(person -> {
                        List<String> others = person.accounts().keySet().stream().filter(a -> !a.equals(customer.id())).toList();
                        boolean isSubject = customer.fields().customerType() == CustomerType.B2C || sameAs(customer, person.person());
                        String action = others.isEmpty() ? "PERSON_DELETED"
                                : isSubject ? "PERSON_DELETED_AT_EVERY_ACCOUNT" : "RELATION_REMOVED";
                        ObjectNode p = list.addObject().put("contactId", contactId).put("action", action);
                        if (!others.isEmpty()) {
                            others.forEach(p.putArray("otherAccounts")::add);
                        }
                        if (isSubject && !others.isEmpty()) {
                            p.put("auditEntriesAtOtherAccounts", others.stream()
                                    .mapToInt(a -> contactAudit(tenant, a, contactId).size()).sum());
                        }
                    });
                });
        return entry;
    }

    /** The keys of an account's audit entries about one contact ({@code contacts.<id>.<field>}). */
    private List<Map<String, AttributeValue>> contactAudit(String tenant, String accountId, String contactId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoErrors.call(() -> dynamo.query(b -> b.tableName(customers.table()).keyConditionExpression("pk = :pk")
                    .filterExpression("begins_with(#f, :c)").expressionAttributeNames(Map.of("#f", "field"))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CustomerKeys.audit(tenant, accountId)),
                            ":c", AttributeValue.fromS("contacts." + contactId)))
                    .projectionExpression("pk, sk").exclusiveStartKey(from)));
            keys.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    private static boolean sameAs(Customer customer, com.customerhub.core.contact.Person person) {
        String mobile = customer.fields().mobile();
        String email = customer.fields().email();
        boolean phone = person.phones() != null && person.phones().stream().map(Phone::number).anyMatch(n -> n != null && n.equals(mobile));
        boolean mail = person.emails() != null && person.emails().stream().map(EmailAddress::address)
                .anyMatch(a -> a != null && a.equalsIgnoreCase(email));
        return phone || mail;
    }

    private ObjectNode deletePersons(String tenant, String customerId, ObjectNode entry) {
        List<WriteRequest> deletes = new ArrayList<>();
        for (JsonNode p : entry.path("persons")) {
            String contactId = p.path("contactId").asText();
            switch (p.path("action").asText()) {
                case "RELATION_REMOVED" -> contacts.findPerson(tenant, contactId)
                        .filter(person -> person.accounts().containsKey(customerId))
                        .ifPresent(person -> contacts.unrelate(tenant, person, customerId, List.of()));
                case "PERSON_DELETED_AT_EVERY_ACCOUNT" -> {
                    p.path("otherAccounts").forEach(a -> {
                        deletes.add(delete(CustomerKeys.collection(tenant, a.asText()), ContactRepository.CONTACT_PREFIX + contactId));
                        // the other account's audit trail of this person's fields goes too
                        contactAudit(tenant, a.asText(), contactId).forEach(k -> deletes.add(
                                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build()));
                    });
                    deletes.add(delete(ContactRepository.personKey(tenant, contactId), "PERSON"));
                }
                default -> deletes.add(delete(ContactRepository.personKey(tenant, contactId), "PERSON"));
            }
        }
        batches.write(customers.table(), deletes);
        return entry;
    }

    /** Merge snapshots that hold the customer (as survivor or merged): their whole partition. */
    private ObjectNode mergesInventory(String tenant, String customerId) {
        ObjectNode entry = json.createObjectNode().put("location", "MergesTable (snapshots kept to undo merges)");
        ArrayNode list = entry.putArray("merges");
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoErrors.call(() -> dynamo.scan(b -> b.tableName(mergesTable()).exclusiveStartKey(from)
                    .filterExpression("begins_with(pk, :t) AND sk = :r AND (survivorId = :c OR contains(mergedIds, :c))")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant + "#MERGE#"), ":r", AttributeValue.fromS("RECORD"),
                            ":c", AttributeValue.fromS(customerId)))));
            page.items().forEach(item -> list.addObject().put("mergeId", item.get("pk").s().substring((tenant + "#MERGE#").length())));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return entry;
    }

    private ObjectNode deleteMerges(String tenant, ObjectNode entry) {
        for (JsonNode merge : entry.path("merges")) {
            String pk = tenant + "#MERGE#" + merge.path("mergeId").asText();
            List<WriteRequest> deletes = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page = DynamoErrors.call(() -> dynamo.query(b -> b.tableName(mergesTable()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).projectionExpression("pk, sk").exclusiveStartKey(from)));
                page.items().forEach(k -> deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build()));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            batches.write(mergesTable(), deletes);
            if (!merge.has("items")) {
                ((ObjectNode) merge).put("items", deletes.size());
            }
        }
        return entry;
    }

    private ObjectNode childrenInventory(String tenant, Customer customer) {
        ObjectNode entry = json.createObjectNode().put("location", "CustomersTable (child accounts' parentId)").put("action", "PARENT_REMOVED");
        ArrayNode list = entry.putArray("childIds");
        subject.partition(CustomerKeys.collection(tenant, customer.id())).stream()
                .filter(item -> item.get("sk").s().startsWith(CustomerKeys.CHILD_PREFIX))
                .forEach(item -> list.add(item.get("sk").s().substring(CustomerKeys.CHILD_PREFIX.length())));
        return list.isEmpty() ? null : entry;
    }

    private ObjectNode detachChildren(Identity who, PrivacyRequest request, ObjectNode entry) {
        for (JsonNode child : entry.path("childIds")) {
            customers.find(who.tenantId(), child.asText()).filter(c -> request.customerId().equals(c.fields().parentId()))
                    .ifPresent(c -> customerService.patch(who, c.id(), c.version(), json.createObjectNode().putNull("parentId"),
                            "privacy-request:" + request.id()));
        }
        return entry;
    }

    /** Counts per partition and kind of item, then the repository's delete (dependents first, profile and guards last). */
    private ObjectNode customerInventory(String tenant, Customer customer) {
        ObjectNode entry = json.createObjectNode().put("location", "CustomersTable (the customer)");
        ObjectNode counts = entry.putObject("items");
        for (String pk : CustomerKeys.partitionsOf(tenant, customer.id())) {
            for (Map<String, AttributeValue> item : subject.partition(pk)) {
                String sk = item.get("sk").s();
                String kind = pk.endsWith("#HISTORY") ? "interaction" : pk.endsWith("#AUDIT") ? "audit entry"
                        : sk.contains("#") ? sk.substring(0, sk.indexOf('#')).toLowerCase() : sk.toLowerCase();
                counts.put(kind, counts.path(kind).asInt(0) + 1);
            }
        }
        Map<String, Object> indexes = new LinkedHashMap<>();
        indexes.put("uniqueness guards in GuardsTable (mobile, email, external id)", (customer.fields().mobile() != null ? 1 : 0)
                + (customer.fields().email() != null ? 1 : 0) + (customer.fields().externalId() != null ? 1 : 0));
        indexes.put("duplicate-candidate keys", "all of the customer's");
        indexes.put("tag counts decremented", customer.fields().tags() == null ? 0 : customer.fields().tags().size());
        indexes.put("entry under the parent account", customer.fields().parentId() != null);
        entry.set("alsoRemoved", json.valueToTree(indexes));
        return entry;
    }

    private ObjectNode deleteCustomer(String tenant, String customerId, ObjectNode entry) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Customer current = customers.find(tenant, customerId).orElse(null);
            if (current == null) {
                return entry; // the profile and its guards went in one transaction: nothing is left
            }
            try {
                customers.delete(tenant, current);
                return entry;
            } catch (ApiException changed) {
                if (changed.status() != 409 && changed.status() != 412) {
                    throw changed;
                }
            }
        }
        throw new IllegalStateException("the customer kept changing during its erasure; the run is retried");
    }

    private ObjectNode ledgerKept(String tenant, String customerId) {
        return json.createObjectNode().put("location", "ConsentsTable (consent ledger)").put("action", "KEPT")
                .put("entries", consents.ledger(tenant, customerId).size())
                .put("reason", "append-only proof of what the person agreed to and withdrew (GDPR Art. 7(1)), kept for the"
                        + " establishment or defence of legal claims (Art. 17(3)(e)); entries hold ids, purposes, dates, source"
                        + " and evidence text, no name, mobile or email; no function may change or delete them");
    }

    private ObjectNode requestsInventory(String tenant, String customerId) {
        ObjectNode entry = json.createObjectNode().put("location", "PrivacyRequestsTable (this person's requests)").put("action", "KEPT")
                .put("reason", "the record of how the person's requests were answered (GDPR Art. 5(2), 12); the corrected values"
                        + " of rectification requests are redacted");
        ArrayNode ids = entry.putArray("requestIds");
        requests.ofCustomer(tenant, customerId).forEach(r -> ids.add(r.id()));
        return entry;
    }

    /** Rectifications carry the corrected values in {@code details}: those go, the rest of the request stays. */
    private ObjectNode redactRequests(String tenant, String customerId, String self, ObjectNode entry) {
        for (PrivacyRequest r : requests.ofCustomer(tenant, customerId)) {
            if (!r.id().equals(self) && r.type() == RequestType.RECTIFICATION && r.details() != null && !r.details().has("redacted")) {
                requests.save(tenant, r.withDetails(json.createObjectNode().put("redacted", "erased by privacy request " + self)));
            }
        }
        return entry;
    }

    private static WriteRequest delete(String pk, String sk) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(CustomerKeys.PK, AttributeValue.fromS(pk),
                CustomerKeys.SK, AttributeValue.fromS(sk))).build()).build();
    }

    private String mergesTable() {
        if (mergesTable == null || mergesTable.isBlank()) {
            throw new IllegalStateException("merges.table (MERGES_TABLE) is not set");
        }
        return mergesTable;
    }
}
