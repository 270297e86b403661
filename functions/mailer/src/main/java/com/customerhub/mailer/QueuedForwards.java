package com.customerhub.mailer;

import com.customerhub.core.forward.ForwardQueue;
import com.customerhub.core.forward.MailSender;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Sends one queued forward and marks it SENT. The mark is conditional (QUEUED → SENT), so a repeated
 * event, which EventBridge and Lambda's retries may deliver, finds it SENT and sends nothing. A
 * forward that is gone (expired, or erased with its customer) is skipped. Logs carry ids only.
 */
@Singleton
public class QueuedForwards {
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
        var queued = queue.find(tenant, customerId, forwardId).orElse(null);
        if (queued == null) {
            LOG.info("forward {} not found (expired or erased): nothing sent", forwardId);
            return;
        }
        if (!ForwardQueue.QUEUED.equals(queued.status())) {
            LOG.info("forward {} is {}: nothing sent", forwardId, queued.status());
            return;
        }
        String messageId = sender.send(queued.mail());
        if (!queue.markSent(tenant, customerId, forwardId, messageId, clock.instant())) {
            LOG.warn("forward {} was no longer QUEUED when sent as {} (a simultaneous delivery, or erased)", forwardId, messageId);
            return;
        }
        LOG.info("forward {} of interaction {} sent as {}", forwardId, queued.interactionId(), messageId);
    }
}
