package com.customerhub.core.contact;

import com.customerhub.core.customer.AuditEntry;
import com.customerhub.core.customer.AuditLog;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.customer.CustomerType;
import com.customerhub.core.customer.Channel;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.data.Page;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.json.JsonMergePatch;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts of accounts: several per customer, a person shared by several accounts with a role at
 * each, and at most one primary contact for a private (B2C) customer, none for a company.
 */
@Singleton
public class ContactService {
    private final ContactRepository contacts;
    private final ContactValidator validator;
    private final CustomerService customers;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;
    private final SettingsService settings;

    public ContactService(ContactRepository contacts, ContactValidator validator, CustomerService customers,
                          AuditLog audit, Ids ids, Clock clock, ObjectMapper json, SettingsService settings) {
        this.settings = settings;
        this.contacts = contacts;
        this.validator = validator;
        this.customers = customers;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    public Page<Contact> list(Identity who, String customerId, int pageSize, String cursor) {
        Customer customer = customers.get(who, customerId);
        Set<Channel> enabled = enabled(who);
        Page<Contact> page = contacts.list(who.tenantId(), customer.id(), pageSize, cursor);
        return new Page<>(page.items().stream().map(c -> c.shown(enabled)).toList(), page.nextCursor());
    }

    /** One contact of the account, with every account the person is related to. */
    public Contact get(Identity who, String customerId, String contactId) {
        Contact contact = find(who, customerId, contactId);
        List<AccountRole> accounts = contacts.findPerson(who.tenantId(), contactId)
                .map(p -> p.accounts().entrySet().stream().map(e -> new AccountRole(e.getKey(), e.getValue())).toList())
                .orElse(List.of());
        return contact.withAccounts(accounts).shown(enabled(who));
    }

    public Contact create(Identity who, String customerId, ObjectNode body) {
        Customer customer = customers.get(who, customerId);
        ContactInput input = validator.validate(body, enabled(who), null);
        boolean primary = Boolean.TRUE.equals(input.primary());
        Optional<Contact> previous = Optional.empty();
        if (primary) {
            requirePrivateCustomer(customer);
            previous = currentPrimary(who, customer.id());
            if (previous.isPresent()) {
                throw new ApiException(409, "Conflict", "the customer already has a primary contact; make this one primary with "
                        + "POST /customers/{id}/contacts/{contactId}/primary", List.of(
                        new com.customerhub.core.error.FieldError("primary", "already set on contact " + previous.get().id())),
                        java.util.Map.of("existingId", previous.get().id()));
            }
        }
        Instant now = now();
        Contact contact = new Contact(ids.next(), customer.id(), input.person(), input.roles(), primary, 1, now, now, null);
        contacts.create(who.tenantId(), contact, previous,
                audit.diff(null, input.person(), "contacts." + contact.id(), who.userId(), now, "api"));
        return contact.shown(enabled(who));
    }

    public Contact replace(Identity who, String customerId, String contactId, long expectedVersion, ObjectNode body) {
        Contact current = find(who, customerId, contactId);
        return apply(who, current, expectedVersion, validator.validate(body, enabled(who), current.person().preferences()));
    }

    public Contact patch(Identity who, String customerId, String contactId, long expectedVersion, ObjectNode patch) {
        Contact current = find(who, customerId, contactId);
        ObjectNode merged = json.valueToTree(current.person());
        merged.set("roles", json.valueToTree(current.roles()));
        JsonMergePatch.apply(merged, patch);
        if (!patch.has("preferences") && (patch.has("phones") || patch.has("emails"))) {
            merged.remove("preferences"); // new values tick their channels again unless the request says otherwise
        }
        return apply(who, current, expectedVersion, validator.validate(merged, enabled(who), current.person().preferences()));
    }

    public void delete(Identity who, String customerId, String contactId, long expectedVersion) {
        Contact current = find(who, customerId, contactId);
        ContactRepository.StoredPerson person = person(who, contactId, expectedVersion);
        contacts.unrelate(who.tenantId(), person, current.customerId(),
                audit.diff(current.person(), null, "contacts." + contactId, who.userId(), now(), "api"));
    }

    public Contact makePrimary(Identity who, String customerId, String contactId) {
        Customer customer = customers.get(who, customerId);
        requirePrivateCustomer(customer);
        Contact contact = find(who, customerId, contactId);
        if (contact.primary()) {
            return contact.shown(enabled(who));
        }
        Optional<Contact> previous = currentPrimary(who, customer.id());
        Instant now = now();
        List<AuditEntry> changes = new java.util.ArrayList<>(List.of(new AuditEntry("contacts." + contactId + ".primary",
                json.getNodeFactory().booleanNode(false), json.getNodeFactory().booleanNode(true), who.userId(), now, "api")));
        previous.ifPresent(old -> changes.add(new AuditEntry("contacts." + old.id() + ".primary",
                json.getNodeFactory().booleanNode(true), json.getNodeFactory().booleanNode(false), who.userId(), now, "api")));
        contacts.makePrimary(who.tenantId(), contact, previous, changes);
        return find(who, customerId, contactId).shown(enabled(who));
    }

    /** Makes the person a contact of another account too, with a role there. */
    public Contact relate(Identity who, String customerId, String contactId, ObjectNode body) {
        find(who, customerId, contactId);
        FieldReader in = new FieldReader(body);
        String targetId = in.required("customerId", 64);
        String role = in.string("role", 50);
        in.throwIfInvalid();
        Customer target = customers.get(who, targetId);
        ContactRepository.StoredPerson person = contacts.findPerson(who.tenantId(), contactId)
                .orElseThrow(() -> ApiException.notFound("contact " + contactId));
        if (person.accounts().containsKey(target.id())) {
            throw new ApiException(409, "Conflict", "the person is already a contact of customer " + target.id());
        }
        if (person.accounts().size() >= ContactRepository.MAX_ACCOUNTS) {
            throw ApiException.badRequest("customerId", "a person may be a contact of at most "
                    + ContactRepository.MAX_ACCOUNTS + " accounts (every copy is updated in one transaction)");
        }
        Instant now = now();
        Contact copy = new Contact(contactId, target.id(), person.person(), role == null ? List.of() : List.of(role), false,
                person.version(), person.createdAt(), now, null);
        contacts.relate(who.tenantId(), person, copy,
                audit.diff(null, person.person(), "contacts." + contactId, who.userId(), now, "relation"));
        return get(who, target.id(), contactId);
    }

    private Contact apply(Identity who, Contact current, long expectedVersion, ContactInput input) {
        ContactRepository.StoredPerson person = person(who, current.id(), expectedVersion);
        if (input.primary() != null && input.primary() != current.primary()) {
            throw ApiException.badRequest("primary", "is changed with POST /customers/{id}/contacts/{contactId}/primary");
        }
        if (input.person().equals(person.person()) && input.roles().equals(current.roles())) {
            return current.shown(enabled(who));
        }
        Instant now = now();
        List<AuditEntry> changes = new java.util.ArrayList<>(
                audit.diff(person.person(), input.person(), "contacts." + current.id(), who.userId(), now, "api"));
        if (!input.roles().equals(current.roles())) {
            changes.add(new AuditEntry("contacts." + current.id() + ".roles", json.valueToTree(current.roles()),
                    json.valueToTree(input.roles()), who.userId(), now, "api"));
        }
        contacts.update(who.tenantId(), person, input.person(), current.customerId(), input.roles(), now, changes);
        return find(who, current.customerId(), current.id()).shown(enabled(who));
    }

    /** The channels the tenant enabled (from the settings cache). */
    private Set<Channel> enabled(Identity who) {
        return Set.copyOf(settings.current(who.tenantId()).enabledChannels());
    }

    private ContactRepository.StoredPerson person(Identity who, String contactId, long expectedVersion) {
        ContactRepository.StoredPerson person = contacts.findPerson(who.tenantId(), contactId)
                .orElseThrow(() -> ApiException.notFound("contact " + contactId));
        if (person.version() != expectedVersion) {
            throw ApiException.stale(person.version());
        }
        return person;
    }

    private Contact find(Identity who, String customerId, String contactId) {
        Customer customer = customers.get(who, customerId);
        if (!Ids.isValid(contactId)) {
            throw ApiException.notFound("contact");
        }
        return contacts.find(who.tenantId(), customer.id(), contactId)
                .orElseThrow(() -> ApiException.notFound("contact " + contactId));
    }

    private Optional<Contact> currentPrimary(Identity who, String customerId) {
        String cursor = null;
        do {
            Page<Contact> page = contacts.list(who.tenantId(), customerId, 100, cursor);
            for (Contact contact : page.items()) {
                if (contact.primary()) {
                    return Optional.of(contact);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return Optional.empty();
    }

    private static void requirePrivateCustomer(Customer customer) {
        if (customer.fields().customerType() == CustomerType.B2B) {
            throw ApiException.badRequest("primary", "only a private (B2C) customer has a primary contact");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
