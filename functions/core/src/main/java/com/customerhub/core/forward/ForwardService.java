package com.customerhub.core.forward;

import com.customerhub.core.customer.AuditEntry;
import com.customerhub.core.customer.AuditLog;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.interaction.Interaction;
import com.customerhub.core.interaction.InteractionService;
import com.customerhub.core.validation.EmailAddresses;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /customers/{id}/interactions/{iid}/forward}: one interaction, with the sender's
 * message, mailed to people who do not use the product. The mail holds that interaction and the
 * customer's name only. Who forwarded what to whom is audited, in the same transaction that queues
 * the mail ({@link ForwardQueue}), so no mail leaves unrecorded. A restricted customer's
 * interactions are not forwarded (409). Sending is the mailer function's job: an
 * {@code InteractionForwarded} event (ids only) wakes it; SES's SDK stays out of this function.
 */
@Singleton
public class ForwardService {
    public static final int MAX_RECIPIENTS = 20;
    public static final String EVENT = "InteractionForwarded";
    static final int MAX_MESSAGE = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(ForwardService.class);

    /** The answer of a forward (202): queued, the mailer sends it shortly. */
    public record Forwarded(String id, String customerId, String interactionId, List<String> to, String status) {
    }

    private final CustomerService customers;
    private final InteractionService interactions;
    private final AuditLog audit;
    private final ForwardQueue queue;
    private final EventPublisher events;
    private final DynamoDbClient dynamo;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;

    public ForwardService(CustomerService customers, InteractionService interactions, AuditLog audit, ForwardQueue queue,
                          EventPublisher events, DynamoDbClient dynamo, Ids ids, Clock clock, ObjectMapper json) {
        this.customers = customers;
        this.interactions = interactions;
        this.audit = audit;
        this.queue = queue;
        this.events = events;
        this.dynamo = dynamo;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    public Forwarded forward(Identity who, String customerId, String interactionId, ObjectNode body) {
        FieldReader in = new FieldReader(body);
        in.ignore("to");
        List<String> to = recipients(body.get("to"), in);
        String message = in.string("message", MAX_MESSAGE);
        in.throwIfInvalid();

        Customer customer = customers.get(who, customerId);
        Interaction interaction = interactions.get(who, customer.id(), interactionId);
        if (Boolean.TRUE.equals(customer.fields().restricted())) {
            throw new ApiException(409, "Conflict", "the customer's processing is restricted (GDPR Art. 18): "
                    + "their interactions cannot be forwarded", List.of(new FieldError("restricted", "is true")), Map.of());
        }
        String forwardId = ids.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode record = json.createObjectNode();
        record.put("forwardId", forwardId);
        record.set("to", json.valueToTree(to));
        record.put("withMessage", message != null);
        AuditEntry entry = new AuditEntry("interactions." + interaction.id() + ".forwarded", null, record, who.userId(), now, "forward");
        OutgoingMail mail = new OutgoingMail(to, ForwardMail.subject(interaction), ForwardMail.text(customer, interaction, message, who));
        List<TransactWriteItem> writes = new ArrayList<>(audit.writes(who.tenantId(), customer.id(), List.of(entry)));
        writes.add(queue.put(who.tenantId(), customer.id(), forwardId, interaction.id(), mail, who.userId(), now));
        DynamoErrors.call(() -> dynamo.transactWriteItems(b -> b.transactItems(writes)));

        try {
            events.publish(new DomainEvent(EVENT, who.tenantId(),
                    Map.of("customerId", customer.id(), "interactionId", interaction.id(), "forwardId", forwardId), now));
        } catch (RuntimeException e) {
            // queued but nobody was told: it expires unsent with its item; the sender tries again
            LOG.warn("forward {} of interaction {} could not be queued: {}", forwardId, interaction.id(), e.getClass().getSimpleName());
            throw new ApiException(503, "Service Unavailable", "the mail could not be queued now; try again");
        }
        return new Forwarded(forwardId, customer.id(), interaction.id(), to, ForwardQueue.QUEUED);
    }

    /** 1..20 addresses, each checked and named by its index, e.g. {@code to[3]}. */
    private static List<String> recipients(JsonNode node, FieldReader in) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            in.error("to", "is required: 1 to " + MAX_RECIPIENTS + " email addresses");
            return List.of();
        }
        if (!node.isArray()) {
            in.error("to", "must be an array of email addresses");
            return List.of();
        }
        if (node.size() > MAX_RECIPIENTS) {
            in.error("to", "must have at most " + MAX_RECIPIENTS + " addresses");
            return List.of();
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String address = item.isTextual() ? EmailAddresses.normalize(item.textValue()).orElse(null) : null;
            if (address == null) {
                in.error("to[" + i + "]", "must be a valid email address");
            } else {
                addresses.add(address);
            }
        }
        return new ArrayList<>(addresses);
    }
}
