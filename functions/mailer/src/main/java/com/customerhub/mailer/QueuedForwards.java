package com.customerhub.mailer;

import com.customerhub.core.forward.ForwardQueue;
import com.customerhub.core.forward.MailSender;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Sends one queued forward. It claims the forward first (QUEUED → SENDING for a lease), so of two
 * deliveries of the same event, which EventBridge and Lambda's retries may make, even at the same
 * moment, one sends and the other finds nothing to send. A failed send gives the claim back for the
 * retry; a sender killed between sending and marking leaves the claim to lapse, and the forward is
 * sent again after the lease (at least once: SES has no idempotency key). A forward that is gone
 * (expired, or erased with its customer) is skipped. Logs carry ids only.
 */
@Singleton
public class QueuedForwards {
    /** Well over the function's 29 s timeout: a live sender never loses its claim. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(QueuedForwards.class);

    private final ForwardQueue queue;
    private final MailSender sender;
    private final Clock clock;

    public QueuedForwards(ForwardQueue queue, MailSender sender, Clock clock) {
        this.queue = queue;
        this.sender = sender;
        this.clock = clock;
    }

    public void send(String tenant, String customerId, String forwardId) {
        String claimId = UUID.randomUUID().toString();
        var claimed = queue.claim(tenant, customerId, forwardId, claimId, clock.instant(), LEASE).orElse(null);
        if (claimed == null) {
            LOG.info("forward {}: nothing to send (sent, being sent, expired or erased)", forwardId);
            return;
        }
        String messageId;
        try {
            messageId = sender.send(claimed.mail());
        } catch (RuntimeException e) {
            queue.release(tenant, customerId, forwardId, claimId);
            throw e;
        }
        if (!queue.markSent(tenant, customerId, forwardId, claimId, messageId, clock.instant())) {
            LOG.warn("forward {} sent as {} after its claim was lost (lease lapsed or erased)", forwardId, messageId);
            return;
        }
        LOG.info("forward {} of interaction {} sent as {}", forwardId, claimed.interactionId(), messageId);
    }
}
