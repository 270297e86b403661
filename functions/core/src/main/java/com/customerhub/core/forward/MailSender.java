package com.customerhub.core.forward;

/** Sends an email to people outside the product (SES in AWS, files in the local stack's outbox). */
public interface MailSender {
    /** @return the provider's message id */
    String send(OutgoingMail mail);
}
