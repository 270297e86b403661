package com.customerhub.core.view;

import com.customerhub.core.alert.Alert;
import com.customerhub.core.alert.QuickAction;
import com.customerhub.core.customer.Channel;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.settings.TenantSettings;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The quick actions of the 360 view: those of the customer's open alerts first (most severe
 * first), then the tenant's defaults, each completed with what a client needs. An action that
 * cannot be performed is left out: SEND_MESSAGE without an enabled channel the customer can be
 * reached on, or on a restricted customer (GDPR Art. 18: no outbound processing).
 */
@Singleton
public class QuickActionResolver {
    /** Channels a message can be sent on, in the order tried when neither rule nor customer names one. */
    private static final List<Channel> MESSAGING = List.of(Channel.WHATSAPP, Channel.SMS, Channel.EMAIL);

    public List<ViewQuickAction> resolve(Customer customer, List<Alert> alerts, TenantSettings settings) {
        List<ViewQuickAction> shown = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        alerts.stream()
                .sorted((a, b) -> b.severity() == null || a.severity() == null ? 0 : b.severity().compareTo(a.severity()))
                .forEach(alert -> alert.quickActions().forEach(action -> complete(customer, action, settings,
                        ViewQuickAction.Source.ALERT, alert).ifPresent(a -> add(shown, seen, a))));
        settings.defaultQuickActions().forEach(action -> complete(customer, action, settings,
                ViewQuickAction.Source.DEFAULT, null).ifPresent(a -> add(shown, seen, a)));
        return shown;
    }

    private static void add(List<ViewQuickAction> shown, Set<String> seen, ViewQuickAction action) {
        // a default the alerts already offer is not repeated
        if (seen.add(action.action() + "|" + action.label()) || action.source() == ViewQuickAction.Source.ALERT) {
            shown.add(action);
        }
    }

    private Optional<ViewQuickAction> complete(Customer customer, QuickAction action, TenantSettings settings,
                                               ViewQuickAction.Source source, Alert alert) {
        CustomerDraft fields = customer.fields();
        String alertId = alert == null ? null : alert.id();
        String ruleId = alert == null ? null : alert.ruleId();
        String base = "/customers/" + customer.id();
        return switch (action.action()) {
            case CALL -> Optional.ofNullable(fields.mobile()).map(mobile -> new ViewQuickAction(action.label(), action.action(),
                    action.params(), source, alertId, ruleId, mobile, null, null, null, null));
            case SEND_MESSAGE -> messageChannel(fields, action, settings).map(channel -> new ViewQuickAction(action.label(),
                    action.action(), action.params(), source, alertId, ruleId, null, channel, addressOn(fields, channel), null, null));
            case OPEN_URL -> Optional.of(new ViewQuickAction(action.label(), action.action(), action.params(), source, alertId,
                    ruleId, null, null, null, action.params().get("url"), null));
            case LOG_INTERACTION -> Optional.of(new ViewQuickAction(action.label(), action.action(), action.params(), source,
                    alertId, ruleId, null, null, null, null, base + "/interactions"));
            case CREATE_TICKET -> Optional.of(new ViewQuickAction(action.label(), action.action(), action.params(), source,
                    alertId, ruleId, null, null, null, null, base + "/links"));
        };
    }

    /** The rule's channel if enabled and reachable, else the customer's first preferred one, else any. */
    private static Optional<Channel> messageChannel(CustomerDraft fields, QuickAction action, TenantSettings settings) {
        if (Boolean.TRUE.equals(fields.restricted())) {
            return Optional.empty();
        }
        String named = action.params().get("channel");
        if (named != null) {
            Channel channel = Channel.valueOf(named);
            return settings.channelEnabled(channel) && addressOn(fields, channel) != null ? Optional.of(channel) : Optional.empty();
        }
        List<Channel> preferred = fields.preferredChannels() == null ? List.of() : fields.preferredChannels();
        return Stream.concat(preferred.stream(), MESSAGING.stream())
                .filter(MESSAGING::contains)
                .filter(settings::channelEnabled)
                .filter(channel -> addressOn(fields, channel) != null)
                .findFirst();
    }

    private static String addressOn(CustomerDraft fields, Channel channel) {
        return switch (channel) {
            case SMS, WHATSAPP, PHONE -> fields.mobile();
            case EMAIL -> fields.email();
            case POST -> null;
        };
    }
}
