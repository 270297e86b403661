package com.customerhub.core.forward;

import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.TableNames;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Forwards waiting for the mailer function: one item per forward in the customer's collection
 * ({@code tenant#customerId} / {@code FORWARD#id}), so deleting, merging away or erasing the
 * customer removes it with everything else. It holds what the mail needs (recipients, subject,
 * text) because the event that wakes the mailer carries ids only. {@code expiresAt} (TTL) removes
 * it after a week, sent or not; once sent its text is dropped at once. A sender claims it first
 * (QUEUED → SENDING, for a lease), so two deliveries of its event at once send one mail.
 */
@Singleton
public class ForwardQueue {
    public static final String PREFIX = "FORWARD#";
    public static final String QUEUED = "QUEUED";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    static final Duration RETENTION = Duration.ofDays(7);

    /** A stored forward: its mail, and QUEUED, SENDING or SENT. */
    public record Queued(String forwardId, String interactionId, String status, OutgoingMail mail) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public ForwardQueue(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.customers();
    }

    /** The put of a new QUEUED forward, to commit in the same transaction as its audit entry. */
    TransactWriteItem put(String tenant, String customerId, String forwardId, String interactionId, OutgoingMail mail,
                          String createdBy, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenant, customerId, forwardId));
        item.put("itemType", AttributeValue.fromS("FORWARD"));
        item.put("forwardId", AttributeValue.fromS(forwardId));
        item.put("interactionId", AttributeValue.fromS(interactionId));
        item.put("to", AttributeValue.fromL(mail.to().stream().map(AttributeValue::fromS).toList()));
        item.put("subject", AttributeValue.fromS(mail.subject()));
        item.put("text", AttributeValue.fromS(mail.text()));
        item.put("status", AttributeValue.fromS(QUEUED));
        item.put("createdBy", AttributeValue.fromS(createdBy));
        item.put("createdAt", AttributeValue.fromS(now.toString()));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(RETENTION).getEpochSecond())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static Queued queued(String forwardId, Map<String, AttributeValue> item) {
        OutgoingMail mail = item.containsKey("text")
                ? new OutgoingMail(item.get("to").l().stream().map(AttributeValue::s).toList(), item.get("subject").s(), item.get("text").s())
                : null;
        return new Queued(forwardId, item.get("interactionId").s(), item.get("status").s(), mail);
    }

    /**
     * QUEUED → SENDING under {@code claimId} until {@code now + lease}; a SENDING forward whose lease
     * ran out (its sender died between claiming and marking) may be claimed again. Empty when there is
     * nothing to claim: gone, already SENT, or held by a sender still within its lease.
     */
    public Optional<Queued> claim(String tenant, String customerId, String forwardId, String claimId, Instant now, Duration lease) {
        try {
            Map<String, AttributeValue> item = DynamoErrors.call(() -> dynamo.updateItem(b -> b.tableName(table)
                    .key(key(tenant, customerId, forwardId))
                    .conditionExpression("#status = :queued OR (#status = :sending AND claimExpiresAt < :now)")
                    .updateExpression("SET #status = :sending, claimId = :claim, claimExpiresAt = :until")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":queued", AttributeValue.fromS(QUEUED), ":sending", AttributeValue.fromS(SENDING),
                            ":now", AttributeValue.fromS(now.toString()), ":claim", AttributeValue.fromS(claimId),
                            ":until", AttributeValue.fromS(now.plus(lease).toString())))
                    .returnValues(ReturnValue.ALL_NEW))).attributes();
            return Optional.of(queued(forwardId, item));
        } catch (ConditionalCheckFailedException notClaimable) {
            return Optional.empty();
        }
    }

    /**
     * SENDING → SENT with the provider's message id, the text dropped (the audit keeps who sent what to
     * whom). False when the claim was lost meanwhile (its lease ran out and another sender took it, or
     * the forward went with its customer).
     */
    public boolean markSent(String tenant, String customerId, String forwardId, String claimId, String messageId, Instant now) {
        try {
            DynamoErrors.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(tenant, customerId, forwardId))
                    .conditionExpression("#status = :sending AND claimId = :claim")
                    .updateExpression("SET #status = :sent, messageId = :messageId, sentAt = :now REMOVE #text, claimId, claimExpiresAt")
                    .expressionAttributeNames(Map.of("#status", "status", "#text", "text"))
                    .expressionAttributeValues(Map.of(":sending", AttributeValue.fromS(SENDING), ":claim", AttributeValue.fromS(claimId),
                            ":sent", AttributeValue.fromS(SENT), ":messageId", AttributeValue.fromS(messageId),
                            ":now", AttributeValue.fromS(now.toString())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** SENDING → QUEUED after a failed send, so the retry of the invocation may send at once. */
    public void release(String tenant, String customerId, String forwardId, String claimId) {
        try {
            DynamoErrors.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(tenant, customerId, forwardId))
                    .conditionExpression("#status = :sending AND claimId = :claim")
                    .updateExpression("SET #status = :queued REMOVE claimId, claimExpiresAt")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sending", AttributeValue.fromS(SENDING), ":claim", AttributeValue.fromS(claimId),
                            ":queued", AttributeValue.fromS(QUEUED)))));
        } catch (ConditionalCheckFailedException lost) {
            // the lease ran out and another sender holds it, or the forward is gone: nothing to give back
        }
    }

    private static Map<String, AttributeValue> key(String tenant, String customerId, String forwardId) {
        return Map.of(PK, AttributeValue.fromS(CustomerKeys.collection(tenant, customerId)), SK, AttributeValue.fromS(PREFIX + forwardId));
    }
}
