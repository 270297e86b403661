package com.customerhub.core.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** A record in another system (sales, service desk, marketing) linked to a customer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String id, String customerId, String system, LinkType type, String externalId, String url, String title,
                   String status, String createdBy, Instant createdAt) {
}
