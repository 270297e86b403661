package com.customerhub.alerts;

import com.customerhub.core.alert.Alert;
import com.customerhub.core.alert.AlertItems;
import com.customerhub.core.alert.AlertStatus;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.Page;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.validation.Ids;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Reading and acknowledging alerts, always through the customer's visibility (tenant, contact class). */
@Singleton
public class AlertService {
    private final AlertRepository alerts;
    private final AlertItems items;
    private final CustomerRepository customers;
    private final Clock clock;

    public AlertService(AlertRepository alerts, AlertItems items, CustomerRepository customers, Clock clock) {
        this.alerts = alerts;
        this.items = items;
        this.customers = customers;
        this.clock = clock;
    }

    /** The customer's alerts: open ones (ACTIVE and ACKNOWLEDGED) unless a status is asked for. */
    public List<Alert> ofCustomer(Identity who, String customerId, String status) {
        AlertStatus wanted = status(status);
        Customer customer = visibleCustomer(who, customerId);
        return alerts.ofCustomer(who.tenantId(), customer.id()).stream()
                .filter(alert -> wanted == null ? alert.status().isOpen() : alert.status() == wanted)
                .toList();
    }

    /** Alerts across customers, by status (ACTIVE when not given) and optionally rule. */
    public Page<Alert> list(Identity who, String ruleId, String status, int pageSize, String cursor) {
        if (ruleId != null && !Ids.isValid(ruleId)) {
            throw ApiException.badRequest("ruleId", "is not an alert rule id");
        }
        AlertStatus wanted = status(status);
        return alerts.byStatus(who.tenantId(), wanted == null ? AlertStatus.ACTIVE : wanted, ruleId, pageSize, cursor,
                item -> who.maySee(AlertItems.contactClassOf(item)));
    }

    /** ACTIVE → ACKNOWLEDGED by the caller; acknowledging twice is harmless, a resolved alert is a 409. */
    public Alert acknowledge(Identity who, String alertId) {
        if (alertId == null || alertId.length() != 52 || !Ids.isValid(alertId.substring(0, 26)) || !Ids.isValid(alertId.substring(26))) {
            throw ApiException.notFound("alert " + safe(alertId));
        }
        String customerId = alertId.substring(0, 26);
        String ruleId = alertId.substring(26);
        visibleCustomer(who, customerId);
        alerts.acknowledge(who.tenantId(), customerId, ruleId, who.userId(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Alert alert = alerts.findItem(who.tenantId(), customerId, ruleId).map(items::fromItem)
                .orElseThrow(() -> ApiException.notFound("alert " + alertId));
        if (alert.status() == AlertStatus.RESOLVED) {
            throw new ApiException(409, "Conflict", "the alert is resolved: the rule no longer matches this customer");
        }
        return alert;
    }

    private Customer visibleCustomer(Identity who, String customerId) {
        return customers.find(who.tenantId(), customerId).filter(c -> who.maySee(c.fields().contactClass()))
                .orElseThrow(() -> ApiException.notFound("customer " + safe(customerId)));
    }

    private static AlertStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return AlertStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status", "must be one of ACTIVE, ACKNOWLEDGED, RESOLVED");
        }
    }

    private static String safe(String id) {
        return id != null && id.length() <= 52 && id.chars().allMatch(Character::isLetterOrDigit) ? id : "(invalid id)";
    }
}
