package com.customerhub.privacy.worker;

import com.customerhub.core.alert.AlertItems;
import com.customerhub.core.authorization.AuthorizationService;
import com.customerhub.core.consent.ConsentService;
import com.customerhub.core.contact.ContactRepository;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.PartitionReader;
import com.customerhub.core.link.LinkService;
import com.customerhub.privacy.requests.PrivacyRequest;
import com.customerhub.privacy.requests.PrivacyRequestRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything held on one customer, read straight from where it is stored: the three partitions of
 * the Customers table (collection, history, audit), the person items of its contacts, the consent
 * ledger and the privacy requests about them. The access document is built from this, item by item,
 * so nothing stored is left out (a test compares it with every item of the partitions).
 */
@Singleton
public class SubjectData {
    /** Item attributes that are storage mechanics, not data about the person. */
    private static final List<String> MECHANICS = List.of("pk", "sk", "itemType", "tenantId", "gsi1pk", "gsi1sk", "gsi2pk",
            "gsi2sk", CustomerKeys.GSI1_PK, AlertItems.GSI_PK, AlertItems.GSI_SK, "statsVersion");

    private final DynamoDbClient dynamo;
    private final CustomerRepository customers;
    private final ConsentService consents;
    private final PrivacyRequestRepository requests;
    private final ObjectMapper json;

    public SubjectData(DynamoDbClient dynamo, CustomerRepository customers, ConsentService consents,
                       PrivacyRequestRepository requests, ObjectMapper json) {
        this.dynamo = dynamo;
        this.customers = customers;
        this.consents = consents;
        this.requests = requests;
        this.json = json;
    }

    /** The stored items of one partition of the customer. */
    public List<Map<String, AttributeValue>> partition(String pk) {
        return PartitionReader.items(dynamo, customers.table(), pk);
    }

    public Optional<Customer> profile(String tenant, String customerId) {
        return customers.find(tenant, customerId);
    }

    /** The access/portability document (GDPR Art. 15 and 20): structured, machine-readable JSON. */
    public ObjectNode document(String tenant, String customerId, PrivacyRequest request, Instant now) {
        ObjectNode doc = json.createObjectNode();
        doc.put("format", "customer-hub data-subject export v1");
        doc.put("requestId", request.id());
        doc.put("requestType", request.type().name());
        doc.put("customerId", customerId);
        doc.put("generatedAt", now.toString());
        ArrayNode contacts = doc.putArray("contacts");
        ArrayNode representatives = doc.putArray("representatives");
        ArrayNode alerts = doc.putArray("alerts");
        ArrayNode links = doc.putArray("links");
        ArrayNode currentConsents = doc.putArray("currentConsents");
        ArrayNode children = doc.putArray("childAccounts");
        ArrayNode other = doc.putArray("otherItems");
        for (Map<String, AttributeValue> item : partition(CustomerKeys.collection(tenant, customerId))) {
            String sk = item.get("sk").s();
            if (CustomerKeys.PROFILE.equals(sk)) {
                ObjectNode profile = json.valueToTree(customers.toCustomer(item));
                ObjectNode raw = publicPart(item);
                // what the profile keeps besides its fields: the latest interactions and open items, consent summary
                raw.fieldNames().forEachRemaining(name -> {
                    if (!profile.has(name)) {
                        profile.set(name, raw.get(name));
                    }
                });
                doc.set("profile", profile);
            } else if (sk.startsWith(ContactRepository.CONTACT_PREFIX)) {
                contacts.add(publicPart(item));
            } else if (sk.startsWith(AuthorizationService.PREFIX)) {
                representatives.add(publicPart(item));
            } else if (sk.startsWith(AlertItems.SK_PREFIX)) {
                alerts.add(publicPart(item));
            } else if (sk.startsWith(LinkService.PREFIX)) {
                links.add(publicPart(item));
            } else if (sk.startsWith(ConsentService.CURRENT_PREFIX)) {
                currentConsents.add(publicPart(item));
            } else if (sk.startsWith(CustomerKeys.CHILD_PREFIX)) {
                children.add(publicPart(item));
            } else {
                other.add(publicPart(item).put("kind", sk.contains("#") ? sk.substring(0, sk.indexOf('#')) : sk));
            }
        }
        ArrayNode persons = doc.putArray("contactPersons");
        contacts.forEach(contact -> {
            var person = PartitionReader.items(dynamo, customers.table(), ContactRepository.personKey(tenant, contact.path("id").asText()));
            person.forEach(p -> persons.add(publicPart(p)));
        });
        ArrayNode interactions = doc.putArray("interactions");
        partition(CustomerKeys.history(tenant, customerId)).forEach(item -> interactions.add(publicPart(item)));
        ArrayNode audit = doc.putArray("audit");
        partition(CustomerKeys.audit(tenant, customerId)).forEach(item -> audit.add(publicPart(item)));
        doc.set("consentLedger", json.valueToTree(consents.ledger(tenant, customerId)));
        ArrayNode privacyRequests = doc.putArray("privacyRequests");
        requests.ofCustomer(tenant, customerId).forEach(r -> {
            ObjectNode shown = json.valueToTree(r);
            shown.remove(List.of("progress", "result"));
            privacyRequests.add(shown);
        });
        return doc;
    }

    /** The item without storage mechanics, with its sort key as {@code storedAs} (which item of the partition it is). */
    static ObjectNode publicPart(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        node.remove(MECHANICS);
        if (item.containsKey("sk")) {
            node.put("storedAs", item.get("sk").s());
        }
        return node;
    }
}
