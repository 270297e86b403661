package com.customerhub.core.customer;

import com.customerhub.core.data.Page;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.json.JsonMergePatch;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.settings.TenantSettings;
import com.customerhub.core.validation.EmailAddresses;
import com.customerhub.core.validation.Ids;
import com.customerhub.core.validation.PhoneNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The customer use cases: validation, contact-class rules, optimistic locking, audit and events
 * around the repository. Everything is scoped to the caller's tenant.
 */
@Singleton
public class CustomerService {
    static final int MAX_HIERARCHY_DEPTH = 50;

    private final CustomerRepository repository;
    private final CustomerValidator validator;
    private final PhoneNumbers phones;
    private final Ids ids;
    private final Clock clock;
    private final EventPublisher events;
    private final ObjectMapper json;
    private final AuditLog auditLog;
    private final SettingsService settings;

    public CustomerService(CustomerRepository repository, CustomerValidator validator, PhoneNumbers phones, Ids ids,
                           Clock clock, EventPublisher events, ObjectMapper json, AuditLog auditLog, SettingsService settings) {
        this.auditLog = auditLog;
        this.settings = settings;
        this.repository = repository;
        this.validator = validator;
        this.phones = phones;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.json = json;
    }

    /** The customer, or a 404 when it does not exist, belongs to another tenant or a hidden contact class. */
    public Customer get(Identity who, String id) {
        return repository.find(who.tenantId(), id)
                .filter(customer -> who.maySee(customer.fields().contactClass()))
                .orElseThrow(() -> ApiException.notFound("customer " + safeId(id)));
    }

    public Customer create(Identity who, ObjectNode body) {
        NewCustomer created = prepareCreate(who, validator.validate(body), ids.next(), now());
        repository.insert(who.tenantId(), created.customer(), created.audit());
        published(who.tenantId(), created.customer());
        return created.customer();
    }

    /** A customer to create with its audit entries, checked like a create but not written. */
    public record NewCustomer(Customer customer, List<AuditEntry> audit) {
    }

    /**
     * The checks and audit of {@link #create} for an already validated draft, without writing: a bulk
     * writer (the import) stores many at once and then calls {@link #published}.
     */
    public NewCustomer prepareCreate(Identity who, CustomerDraft validated, String id, Instant at) {
        if (Boolean.TRUE.equals(validated.restricted())) {
            throw restrictedIsReadOnly();
        }
        CustomerDraft draft = validated.withRestricted(null);
        checkClass(who, draft);
        checkChannels(who, List.of(), draft);
        checkParent(who, null, draft.parentId());
        Customer customer = new Customer(id, draft, CustomerStats.empty(), null, 1, at, at);
        return new NewCustomer(customer, auditLog.diff(null, draft, null, who.userId(), at, "api"));
    }

    /** The CustomerCreated event of a stored new customer. */
    public void published(String tenant, Customer created) {
        events.publish(new DomainEvent("CustomerCreated", tenant,
                Map.of("customerId", created.id(), "version", created.version()), created.createdAt()));
    }

    public Customer replace(Identity who, String id, long expectedVersion, ObjectNode body) {
        Customer current = currentVersion(who, id, expectedVersion);
        return apply(who, current, keepRestricted(current, validator.validate(body)), "api");
    }

    /** JSON merge patch (RFC 7396) over the stored fields, then the same checks as a full update. */
    public Customer patch(Identity who, String id, long expectedVersion, ObjectNode patch) {
        return patch(who, id, expectedVersion, patch, "api");
    }

    /** A patch audited with its source (e.g. {@code privacy-request:<id>} for a rectification). */
    public Customer patch(Identity who, String id, long expectedVersion, ObjectNode patch, String source) {
        Customer current = currentVersion(who, id, expectedVersion);
        ObjectNode merged = json.valueToTree(current.fields());
        JsonMergePatch.apply(merged, patch);
        return apply(who, current, keepRestricted(current, validator.validate(merged)), source);
    }

    /**
     * Sets or lifts the restriction of processing (GDPR Art. 18) through the normal update path
     * (audited with the request as source); only privacy requests call this.
     */
    public Customer restrict(Identity who, String id, boolean restricted, String source) {
        Customer current = get(who, id);
        return apply(who, current, current.fields().withRestricted(restricted ? Boolean.TRUE : null), source);
    }

    /** What a privacy request is checked against: the stored fields with a patch merged over them, validated. */
    public CustomerDraft validatePatch(Customer current, ObjectNode patch) {
        ObjectNode merged = json.valueToTree(current.fields());
        JsonMergePatch.apply(merged, patch);
        return keepRestricted(current, validator.validate(merged));
    }

    /** {@code restricted} is read-only on the customer API: sending the stored value is fine, changing it is a 400. */
    private static CustomerDraft keepRestricted(Customer current, CustomerDraft draft) {
        boolean stored = Boolean.TRUE.equals(current.fields().restricted());
        if (draft.restricted() != null && draft.restricted() != stored) {
            throw restrictedIsReadOnly();
        }
        return draft.withRestricted(current.fields().restricted());
    }

    private static ApiException restrictedIsReadOnly() {
        return ApiException.badRequest("restricted", "is read-only: only a RESTRICTION privacy request sets or lifts it (GDPR Art. 18)");
    }

    /** An update from another path than the API (e.g. enrichment), audited with that source. */
    public Customer update(Identity who, Customer current, CustomerDraft draft, String source) {
        return apply(who, current, draft.withRestricted(current.fields().restricted()), source);
    }

    public void delete(Identity who, String id, long expectedVersion) {
        Customer current = currentVersion(who, id, expectedVersion);
        repository.delete(who.tenantId(), current);
        events.publish(new DomainEvent("CustomerDeleted", who.tenantId(), Map.of("customerId", current.id()), now()));
    }

    public Page<Customer> list(Identity who, CustomerQuery query, int pageSize, String cursor) {
        Predicate<Customer> visible = customer -> who.maySee(customer.fields().contactClass())
                && (query.tag() == null || listContains(customer.fields().tags(), query.tag()))
                && (query.responsibleUser() == null || query.responsibleUser().equals(customer.fields().responsibleUser()))
                && (query.segmentMembers() == null || query.segmentMembers().test(customer));
        if (query.q() == null) {
            return repository.listByUpdated(who.tenantId(), pageSize, cursor, query.updatedSince(), visible);
        }
        Predicate<Customer> matches = visible.and(customer -> query.updatedSince() == null
                || !customer.updatedAt().isBefore(query.updatedSince()));
        Page<Customer> byName = repository.searchByName(who.tenantId(), query.q(), pageSize, cursor, matches);
        if (cursor != null) {
            return byName;
        }
        // exact matches on mobile, email or external id come first, on the first page only
        Map<String, Customer> first = new LinkedHashMap<>();
        for (String exactId : exactMatches(who.tenantId(), query.q())) {
            repository.find(who.tenantId(), exactId).filter(matches).ifPresent(c -> first.put(c.id(), c));
        }
        byName.items().forEach(customer -> first.putIfAbsent(customer.id(), customer));
        return new Page<>(new ArrayList<>(first.values()), byName.nextCursor());
    }

    public Page<AuditEntry> audit(Identity who, String id, int pageSize, String cursor) {
        Customer customer = get(who, id);
        return auditLog.list(who.tenantId(), customer.id(), pageSize, cursor);
    }

    /** The accounts directly below this one in the hierarchy. */
    public Page<ChildAccount> children(Identity who, String id, int pageSize, String cursor) {
        Customer parent = get(who, id);
        Page<ChildAccount> page = repository.children(who.tenantId(), parent.id(), pageSize, cursor);
        return new Page<>(page.items().stream().filter(c -> who.maySee(c.contactClass())).toList(), page.nextCursor());
    }

    /** Possible duplicates of a customer, each with why. */
    public List<DuplicateCandidate> duplicates(Identity who, String customerId) {
        Customer customer = get(who, customerId);
        List<DuplicateCandidate> candidates = new ArrayList<>();
        repository.duplicatesOf(who.tenantId(), customer).forEach((id, kinds) ->
                repository.find(who.tenantId(), id).filter(c -> who.maySee(c.fields().contactClass()))
                        .ifPresent(c -> candidates.add(new DuplicateCandidate(c,
                                kinds.stream().map(DuplicateKeys.Kind::reason).toList()))));
        return candidates;
    }

    /** The tag cloud of the tenant, most used first. */
    public List<TagCount> tags(Identity who) {
        return repository.tagCounts(who.tenantId()).entrySet().stream()
                .map(e -> new TagCount(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingLong(TagCount::count).reversed().thenComparing(TagCount::tag))
                .toList();
    }

    private Customer apply(Identity who, Customer current, CustomerDraft draft, String source) {
        checkClass(who, draft);
        checkChannels(who, current.fields().preferredChannels(), draft);
        checkParent(who, current.id(), draft.parentId());
        if (draft.equals(current.fields())) {
            return current;
        }
        Instant now = now();
        Customer next = current.withFields(draft, current.version() + 1, now);
        List<AuditEntry> changes = auditLog.diff(current.fields(), draft, null, who.userId(), now, source);
        repository.update(who.tenantId(), current, next, changes);
        events.publish(new DomainEvent("CustomerUpdated", who.tenantId(), Map.of("customerId", next.id(),
                "version", next.version(), "changedFields", changes.stream().map(AuditEntry::field).toList()), now));
        return next;
    }

    /** A channel the tenant disabled may not be added (one the customer already prefers may stay). */
    private void checkChannels(Identity who, List<Channel> before, CustomerDraft draft) {
        List<Channel> wanted = draft.preferredChannels();
        if (wanted == null || wanted.isEmpty()) {
            return;
        }
        TenantSettings tenant = settings.current(who.tenantId());
        List<Channel> refused = wanted.stream()
                .filter(c -> !tenant.channelEnabled(c) && (before == null || !before.contains(c))).toList();
        if (!refused.isEmpty()) {
            throw ApiException.badRequest("preferredChannels", refused.stream().map(Enum::name).collect(java.util.stream.Collectors.joining(", "))
                    + " is not enabled for this account (see GET /settings)");
        }
    }

    private Customer currentVersion(Identity who, String id, long expectedVersion) {
        Customer current = get(who, id);
        if (current.version() != expectedVersion) {
            throw ApiException.stale(current.version());
        }
        return current;
    }

    private void checkClass(Identity who, CustomerDraft draft) {
        if (!who.maySee(draft.contactClass())) {
            throw new ApiException(403, "Forbidden", "you may not put a customer in this contact class",
                    List.of(new com.customerhub.core.error.FieldError("contactClass", "not one of your contact classes")), Map.of());
        }
    }

    /** The parent must be a visible customer of the tenant, and the hierarchy must stay a tree. */
    private void checkParent(Identity who, String selfId, String parentId) {
        if (parentId == null) {
            return;
        }
        if (parentId.equals(selfId)) {
            throw ApiException.badRequest("parentId", "a customer cannot be its own parent");
        }
        Set<String> seen = new LinkedHashSet<>();
        String cursor = parentId;
        while (cursor != null) {
            if (!seen.add(cursor) || seen.size() > MAX_HIERARCHY_DEPTH) {
                throw ApiException.badRequest("parentId", "the hierarchy above this parent is too deep or cyclic");
            }
            Optional<Customer> ancestor = repository.find(who.tenantId(), cursor).filter(c -> who.maySee(c.fields().contactClass()));
            if (ancestor.isEmpty()) {
                if (cursor.equals(parentId)) {
                    throw ApiException.badRequest("parentId", "no such customer");
                }
                return;
            }
            cursor = ancestor.get().fields().parentId();
            if (selfId != null && selfId.equals(cursor)) {
                throw ApiException.badRequest("parentId", "this parent would make the hierarchy a cycle");
            }
        }
    }

    private List<String> exactMatches(String tenant, String q) {
        List<String> found = new ArrayList<>();
        phones.toE164(q).flatMap(mobile -> repository.findIdBy(tenant, UniqueKey.MOBILE, mobile)).ifPresent(found::add);
        EmailAddresses.normalize(q).flatMap(email -> repository.findIdBy(tenant, UniqueKey.EMAIL, email)).ifPresent(found::add);
        repository.findIdBy(tenant, UniqueKey.EXTERNAL_ID, q.strip()).ifPresent(found::add);
        return found;
    }

    /** Millisecond precision, as stored and shown. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean listContains(List<String> values, String wanted) {
        return values != null && values.stream().anyMatch(v -> v.equalsIgnoreCase(wanted));
    }

    private static String safeId(String id) {
        return Ids.isValid(id) ? id : "(malformed id)";
    }
}
