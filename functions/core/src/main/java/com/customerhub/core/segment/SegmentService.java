package com.customerhub.core.segment;

import com.customerhub.core.condition.Condition;
import com.customerhub.core.condition.ConditionParser;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.Page;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Segments: named conditions over customers, and their members. Members are the customers the
 * caller may see (contact classes), not restricted (GDPR Art. 18), matching the filter now, in the
 * order of the customer list (newest update first).
 *
 * <p>For {@code GET /customers?segment=}: {@link #filter(Identity, String)} gives the predicate to
 * combine with the list's own, or {@link #members} gives the page directly.
 */
@Singleton
public class SegmentService {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;

    private final SegmentRepository repository;
    private final CustomerRepository customers;
    private final ConditionParser parser = ConditionParser.standard();
    private final Ids ids;
    private final Clock clock;

    public SegmentService(SegmentRepository repository, CustomerRepository customers, Ids ids, Clock clock) {
        this.repository = repository;
        this.customers = customers;
        this.ids = ids;
        this.clock = clock;
    }

    public Segment create(Identity who, ObjectNode body) {
        Draft draft = validate(body);
        Instant now = now();
        Segment segment = new Segment(ids.next(), draft.name(), draft.description(), draft.filter(), 1, now, now);
        repository.put(who.tenantId(), segment, 0);
        return segment;
    }

    public Segment get(Identity who, String id) {
        return repository.find(who.tenantId(), id).orElseThrow(() -> ApiException.notFound("segment " + safe(id)));
    }

    public Page<Segment> list(Identity who, int pageSize, String cursor) {
        return repository.list(who.tenantId(), pageSize, cursor);
    }

    /** Replaces name, description and filter; {@code expectedVersion} null skips the version check. */
    public Segment replace(Identity who, String id, Long expectedVersion, ObjectNode body) {
        Segment current = get(who, id);
        checkVersion(current.version(), expectedVersion);
        Draft draft = validate(body);
        Segment updated = new Segment(current.id(), draft.name(), draft.description(), draft.filter(),
                current.version() + 1, current.createdAt(), now());
        repository.put(who.tenantId(), updated, current.version());
        return updated;
    }

    public void delete(Identity who, String id, Long expectedVersion) {
        Segment current = get(who, id);
        checkVersion(current.version(), expectedVersion);
        repository.delete(who.tenantId(), id, current.version());
    }

    /** The segment's members, one page in the customer list's order; 404 for an unknown segment. */
    public Page<Customer> members(Identity who, String id, int pageSize, String cursor) {
        Predicate<Customer> member = matcher(who, get(who, id));
        return customers.listByUpdated(who.tenantId(), pageSize, cursor, null, member);
    }

    /**
     * The predicate "is a member of this segment, visible to this caller", for filtering the
     * customer list by {@code segment}; an unknown segment id is a 400 naming {@code segment}.
     */
    public Predicate<Customer> filter(Identity who, String segmentId) {
        Segment segment = repository.find(who.tenantId(), segmentId)
                .orElseThrow(() -> ApiException.badRequest("segment", "is not a segment of this tenant"));
        return matcher(who, segment);
    }

    private Predicate<Customer> matcher(Identity who, Segment segment) {
        Condition condition = parser.parse(segment.filter(), "filter");
        return customer -> who.maySee(customer.fields().contactClass())
                && !Boolean.TRUE.equals(customer.fields().restricted())
                && condition.test(customer, clock);
    }

    private record Draft(String name, String description, JsonNode filter) {
    }

    private Draft validate(ObjectNode body) {
        FieldReader reader = new FieldReader(body);
        String name = reader.required("name", MAX_NAME);
        String description = reader.string("description", MAX_DESCRIPTION);
        reader.ignore("id", "version", "createdAt", "updatedAt", "filter");
        List<FieldError> errors = new ArrayList<>();
        parser.parse(body.get("filter"), "filter", errors);
        errors.forEach(error -> reader.error(error.field(), error.message()));
        reader.throwIfInvalid();
        return new Draft(name, description, body.get("filter"));
    }

    private static void checkVersion(long current, Long expected) {
        if (expected != null && expected != current) {
            throw ApiException.stale(current);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String safe(String id) {
        return Ids.isValid(id) ? id : "(invalid id)";
    }
}
