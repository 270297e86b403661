package com.customerhub.core.view;

import com.customerhub.core.alert.Alert;
import com.customerhub.core.alert.AlertItems;
import com.customerhub.core.alert.AlertStatus;
import com.customerhub.core.authorization.Authorization;
import com.customerhub.core.authorization.AuthorizationService;
import com.customerhub.core.consent.ConsentService;
import com.customerhub.core.contact.Contact;
import com.customerhub.core.contact.ContactRepository;
import com.customerhub.core.customer.ChildAccount;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.PartitionReader;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.interaction.Interaction;
import com.customerhub.core.interaction.InteractionRepository;
import com.customerhub.core.link.Link;
import com.customerhub.core.link.LinkService;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Builds the 360 view from one Query of the customer's item collection (everything it shows lives
 * there: profile with stats and latest interactions, contacts, representatives, alerts, links,
 * children) plus one GetItem for the parent's name, whatever the customer holds.
 */
@Singleton
public class CustomerViewService {

    private final DynamoDbClient dynamo;
    private final CustomerRepository customers;
    private final ContactRepository contacts;
    private final AuthorizationService authorizations;
    private final InteractionRepository interactions;
    private final Clock clock;
    private final AlertItems alertItems;
    private final LinkService linkService;
    private final ParentAndSettings parentAndSettings;
    private final QuickActionResolver quickActions;

    public CustomerViewService(DynamoDbClient dynamo, CustomerRepository customers, ContactRepository contacts,
                               AuthorizationService authorizations, InteractionRepository interactions, Clock clock,
                               AlertItems alertItems, LinkService linkService, ParentAndSettings parentAndSettings,
                               QuickActionResolver quickActions) {
        this.parentAndSettings = parentAndSettings;
        this.quickActions = quickActions;
        this.alertItems = alertItems;
        this.linkService = linkService;
        this.dynamo = dynamo;
        this.customers = customers;
        this.contacts = contacts;
        this.authorizations = authorizations;
        this.interactions = interactions;
        this.clock = clock;
    }

    public CustomerView view(Identity who, String customerId) {
        if (!Ids.isValid(customerId)) {
            throw ApiException.notFound("customer");
        }
        List<Map<String, AttributeValue>> items = PartitionReader.items(dynamo, customers.table(),
                CustomerKeys.collection(who.tenantId(), customerId));
        Map<String, AttributeValue> profile = items.stream().filter(i -> CustomerKeys.PROFILE.equals(i.get(SK).s()))
                .findFirst().orElseThrow(() -> ApiException.notFound("customer " + customerId));
        Customer customer = customers.toCustomer(profile);
        if (!who.maySee(customer.fields().contactClass())) {
            throw ApiException.notFound("customer " + customerId);
        }
        ParentAndSettings.Result side = parentAndSettings.read(who, customer);
        java.util.Set<com.customerhub.core.customer.Channel> enabled = java.util.Set.copyOf(side.settings().enabledChannels());
        LocalDate today = LocalDate.now(clock);
        List<Contact> contactList = new ArrayList<>();
        List<Authorization> authorizationList = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        List<ObjectNode> consents = new ArrayList<>();
        List<ChildAccount> children = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(SK).s();
            if (sk.startsWith(ContactRepository.CONTACT_PREFIX)) {
                contactList.add(contacts.toContact(item).shown(enabled));
            } else if (sk.startsWith(AuthorizationService.PREFIX)) {
                authorizationList.add(AuthorizationService.shown(authorizations.toAuthorization(item), today));
            } else if (sk.startsWith(AlertItems.SK_PREFIX)) {
                Alert alert = alertItems.fromItem(item);
                if (alert.status() != AlertStatus.RESOLVED) {
                    alerts.add(alert);
                }
            } else if (sk.startsWith(ConsentService.CURRENT_PREFIX)) {
                consents.add(publicPart(item));
            } else if (sk.startsWith(LinkService.PREFIX)) {
                links.add(linkService.toLink(item));
            } else if (sk.startsWith(CustomerKeys.CHILD_PREFIX)) {
                ChildAccount child = CustomerRepository.toChild(item);
                if (who.maySee(child.contactClass())) {
                    children.add(child);
                }
            }
        }
        contactList.sort(Comparator.comparing(Contact::primary).reversed()
                .thenComparing(c -> c.person().lastName(), Comparator.nullsLast(String::compareToIgnoreCase)));
        List<Interaction> latest = interactions.ledgerOf(profile).ledger().recent();
        return new CustomerView(customer, contactList, authorizationList, consents, alerts, latest, links,
                side.parent(), children, quickActions.resolve(customer, alerts, side.settings()));
    }

    private static ObjectNode publicPart(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        node.remove(List.of(PK, SK, "itemType", "tenantId", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk"));
        return node;
    }
}
