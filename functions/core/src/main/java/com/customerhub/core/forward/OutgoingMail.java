package com.customerhub.core.forward;

import java.util.List;

/** A plain-text email: recipients, subject and body; the sender's address is the sender's configuration. */
public record OutgoingMail(List<String> to, String subject, String text) {
    public OutgoingMail {
        to = List.copyOf(to);
    }
}
