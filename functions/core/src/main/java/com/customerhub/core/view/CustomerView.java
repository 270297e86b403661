package com.customerhub.core.view;

import com.customerhub.core.alert.Alert;
import com.customerhub.core.authorization.Authorization;
import com.customerhub.core.contact.Contact;
import com.customerhub.core.customer.ChildAccount;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.interaction.Interaction;
import com.customerhub.core.link.Link;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The 360-degree view of a customer in one answer: the customer, its contacts, authorized
 * representatives, current consents, active alerts, latest interactions, links, parent and children,
 * and the quick actions (of the active alerts first, then the tenant's defaults).
 */
public record CustomerView(Customer customer, List<Contact> contacts, List<Authorization> authorizations,
                           List<ObjectNode> consents, List<Alert> alerts, List<Interaction> latestInteractions,
                           List<Link> links, ChildAccount parent, List<ChildAccount> children,
                           List<ViewQuickAction> quickActions) {
}
