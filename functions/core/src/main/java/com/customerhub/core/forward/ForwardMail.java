package com.customerhub.core.forward;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.interaction.Interaction;
import com.customerhub.core.interaction.InteractionFields;

/**
 * The text of a forwarded interaction: the sender's message, then the interaction's fields and the
 * customer's name, nothing else of the customer (no mobile, email or address) and nothing of
 * anyone else. The subject carries no personal data (mail subjects end up in logs).
 */
final class ForwardMail {
    private ForwardMail() {
    }

    static String subject(Interaction interaction) {
        InteractionFields f = interaction.fields();
        return "Forwarded " + (f.type() == null ? "interaction" : f.type().name().toLowerCase(java.util.Locale.ROOT))
                + " of " + (f.occurredAt() == null ? "" : f.occurredAt().toString().substring(0, 10));
    }

    static String text(Customer customer, Interaction interaction, String message, Identity who) {
        InteractionFields f = interaction.fields();
        StringBuilder text = new StringBuilder();
        if (message != null) {
            text.append(message).append("\n\n");
        }
        text.append("-- Forwarded from customer-hub by ").append(who.userId()).append(" --\n");
        line(text, "Customer", customer.fields().name());
        line(text, "Interaction", interaction.id());
        line(text, "Date", f.occurredAt());
        line(text, "Channel", f.channel());
        line(text, "Direction", f.direction());
        line(text, "Type", f.type());
        line(text, "Status", f.status());
        line(text, "Agent", f.agent());
        line(text, "Product", f.product());
        if (f.amount() != null) {
            line(text, "Amount", f.amount().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + (f.currency() == null ? "" : " " + f.currency()));
        }
        line(text, "Due date", f.dueDate());
        line(text, "Closed by", f.closedBy());
        line(text, "Close reason", f.closeReason());
        if (f.summary() != null) {
            text.append("\nSummary:\n").append(f.summary()).append('\n');
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, Object value) {
        if (value != null) {
            text.append(label).append(": ").append(value).append('\n');
        }
    }
}
