package com.customerhub.privacy.requests;

import com.customerhub.core.authorization.AuthorizationCheck;
import com.customerhub.core.authorization.AuthorizationService;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.Page;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Data-subject requests (GDPR Art. 12): filed, listed, extended, started or rejected by a dpo; the
 * work itself runs in the worker ({@link PrivacyWork}). Every change is appended to the request's
 * history and written conditionally on the version read.
 */
@Singleton
public class PrivacyRequestService {
    private final PrivacyRequestRepository requests;
    private final CustomerService customers;
    private final AuthorizationService authorizations;
    private final PrivacyWork work;
    private final AccessDocuments documents;
    private final EventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;

    public PrivacyRequestService(PrivacyRequestRepository requests, CustomerService customers, AuthorizationService authorizations,
                                 PrivacyWork work, AccessDocuments documents, EventPublisher events, Ids ids, Clock clock,
                                 ObjectMapper json) {
        this.requests = requests;
        this.customers = customers;
        this.authorizations = authorizations;
        this.work = work;
        this.documents = documents;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    public ObjectNode file(Identity who, ObjectNode body) {
        FieldReader in = new FieldReader(body);
        in.ignore("id", "status", "dueAt", "receivedAt", "history", "result", "version");
        String customerId = in.required("customerId", 64);
        RequestType type = in.enumValue("type", RequestType.class);
        if (type == null && !in.has("type")) {
            in.error("type", "is required");
        }
        JsonNode details = body.get("details");
        in.nested("details");
        FieldReader requester = in.nested("requester");
        String representativeMobile = requester == null ? null : requester.required("mobile", 40);
        if (requester != null) {
            requester.checkUnknown();
        }
        in.throwIfInvalid();

        Optional<Customer> customer = find(who, customerId);
        if (customer.isEmpty() && !(type == RequestType.ERASURE && erasedBefore(who.tenantId(), customerId))) {
            // an erased person asking again is answered ("already erased"); anyone else unknown is a 404
            throw ApiException.notFound("customer " + (Ids.isValid(customerId) ? customerId : "(malformed id)"));
        }
        details = checkDetails(type, details, customer.orElse(null));
        Requester from = Requester.subject();
        if (representativeMobile != null) {
            AuthorizationCheck check = authorizations.check(who, customerId, representativeMobile, "PRIVACY");
            if (!check.allowed()) {
                throw ApiException.validation(List.of(new FieldError("requester.mobile",
                        "is not an authorized representative with PRIVACY scope: " + check.reason())));
            }
            from = new Requester(Requester.REPRESENTATIVE, check.authorizationId());
        }
        Instant now = now();
        PrivacyRequest request = new PrivacyRequest(ids.next(), customerId, type, RequestStatus.RECEIVED, details, from,
                who.userId(), now, DueDates.due(now, 0), 0, null, null, null, null,
                List.of(new HistoryEntry(now, who.userId(), "RECEIVED", from.kind().equals(Requester.REPRESENTATIVE)
                        ? "filed for an authorized representative (authorization " + from.authorizationId() + ")" : null)), 1);
        requests.save(who.tenantId(), request);
        events.publish(new DomainEvent("PrivacyRequestReceived", who.tenantId(), Map.of("requestId", request.id(),
                "customerId", customerId, "type", type.name(), "dueAt", request.dueAt().toString()), now));
        return shown(request);
    }

    public Page<ObjectNode> list(Identity who, RequestStatus status, Boolean overdue, String customerId, int pageSize, String cursor) {
        Instant now = clock.instant();
        Predicate<PrivacyRequest> keep = r -> (status == null || r.status() == status)
                && (overdue == null || DueDates.overdue(r.status(), r.dueAt(), now) == overdue)
                && (customerId == null || customerId.equals(r.customerId()));
        return requests.list(who.tenantId(), keep, pageSize, cursor).map(this::shown);
    }

    public ObjectNode get(Identity who, String id) {
        return shown(load(who, id));
    }

    public ObjectNode extend(Identity who, String id, ObjectNode body) {
        FieldReader in = new FieldReader(body);
        Integer months = in.integer("months", Integer.MIN_VALUE, Integer.MAX_VALUE);
        String reason = in.required("reason", 2000);
        if (months == null && !in.has("months")) {
            in.error("months", "is required (1 or 2)");
        }
        in.throwIfInvalid();
        PrivacyRequest request = load(who, id);
        Lifecycle.check(request.status(), Lifecycle.Action.EXTEND);
        int total = DueDates.extend(request.extendedMonths(), months);
        PrivacyRequest next = request.extended(total, new HistoryEntry(now(), who.userId(), "EXTENDED",
                "by " + months + " month(s): " + reason));
        return shown(requests.save(who.tenantId(), next));
    }

    /** Starts (or resumes) the work; 202, the worker does it asynchronously. */
    public ObjectNode process(Identity who, String id) {
        PrivacyRequest request = load(who, id);
        Lifecycle.check(request.status(), Lifecycle.Action.PROCESS);
        PrivacyRequest next = request.status() == RequestStatus.RECEIVED
                ? request.transition(RequestStatus.IN_PROGRESS, who.userId(), who.userId(),
                        new HistoryEntry(now(), who.userId(), "PROCESSING_STARTED", "requester verified by " + who.userId()))
                : request.withHistory(new HistoryEntry(now(), who.userId(), "PROCESSING_RESUMED", null));
        requests.save(who.tenantId(), next);
        work.dispatch(who.tenantId(), id);
        return shown(next);
    }

    public ObjectNode reject(Identity who, String id, ObjectNode body) {
        FieldReader in = new FieldReader(body);
        String reason = in.required("reason", 2000);
        in.throwIfInvalid();
        PrivacyRequest request = load(who, id);
        Lifecycle.check(request.status(), Lifecycle.Action.REJECT);
        PrivacyRequest next = request.transition(RequestStatus.REJECTED, who.userId(), request.processedBy(),
                new HistoryEntry(now(), who.userId(), "REJECTED", reason));
        return shown(requests.save(who.tenantId(), next));
    }

    private PrivacyRequest load(Identity who, String id) {
        return requests.find(who.tenantId(), id).orElseThrow(() -> ApiException.notFound("privacy request"));
    }

    /** As shown: without the worker's log, with {@code overdue} and, for a finished access request, a fresh download URL. */
    private ObjectNode shown(PrivacyRequest request) {
        ObjectNode node = json.valueToTree(request);
        node.remove("progress");
        node.put("overdue", DueDates.overdue(request.status(), request.dueAt(), clock.instant()));
        if (request.result() != null && request.result().hasNonNull("documentKey")) {
            ((ObjectNode) node.get("result")).put("downloadUrl", documents.downloadUrl(request.result().get("documentKey").asText()));
        }
        return node;
    }

    private Optional<Customer> find(Identity who, String customerId) {
        try {
            return Optional.of(customers.get(who, customerId));
        } catch (ApiException notFound) {
            if (notFound.status() == 404) {
                return Optional.empty();
            }
            throw notFound;
        }
    }

    private boolean erasedBefore(String tenant, String customerId) {
        return Ids.isValid(customerId) && requests.ofCustomer(tenant, customerId).stream()
                .anyMatch(r -> r.type() == RequestType.ERASURE && r.status() == RequestStatus.COMPLETED);
    }

    /** What each type accepts in {@code details}; a rectification is validated now against the stored customer. */
    private JsonNode checkDetails(RequestType type, JsonNode details, Customer customer) {
        boolean present = details != null && !details.isNull();
        if (present && !details.isObject()) {
            throw ApiException.badRequest("details", "must be an object");
        }
        switch (type) {
            case RECTIFICATION -> {
                if (!present || details.isEmpty()) {
                    throw ApiException.badRequest("details", "must hold the corrected customer fields, e.g. {\"email\":\"...\"}");
                }
                try {
                    customers.validatePatch(customer, (ObjectNode) details);
                } catch (ApiException invalid) {
                    List<FieldError> errors = new ArrayList<>();
                    invalid.errors().forEach(e -> errors.add(new FieldError("details." + e.field(), e.message())));
                    throw errors.isEmpty() ? invalid : ApiException.validation(errors);
                }
            }
            case RESTRICTION, OBJECTION -> {
                if (present) {
                    FieldReader in = new FieldReader((ObjectNode) details.deepCopy());
                    Boolean lift = in.bool("lift");
                    in.string("note", 2000);
                    List<FieldError> errors = new ArrayList<>();
                    try {
                        in.throwIfInvalid();
                    } catch (ApiException invalid) {
                        invalid.errors().forEach(e -> errors.add(new FieldError("details." + e.field(), e.message())));
                        throw ApiException.validation(errors);
                    }
                    if (lift == null) {
                        return details;
                    }
                }
            }
            default -> {
                if (present) {
                    FieldReader in = new FieldReader((ObjectNode) details.deepCopy());
                    in.string("note", 2000);
                    try {
                        in.throwIfInvalid();
                    } catch (ApiException invalid) {
                        List<FieldError> errors = new ArrayList<>();
                        invalid.errors().forEach(e -> errors.add(new FieldError("details." + e.field(), e.message())));
                        throw ApiException.validation(errors);
                    }
                }
            }
        }
        return present ? details : null;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
