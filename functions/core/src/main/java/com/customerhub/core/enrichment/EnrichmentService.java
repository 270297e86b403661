package com.customerhub.core.enrichment;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.customer.CustomerValidator;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.settings.EnrichableFields;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.settings.TenantSettings;
import com.customerhub.core.validation.FieldReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /customers/{id}/enrichment}: values an external source proposes. An empty field is
 * filled; a set one only where the tenant's settings allow enrichment to overwrite it. The values
 * go through the same validation and update path as any API write, audited with source
 * {@code enrichment:<source>}. Errors name the request's path, e.g. {@code fields.mobile}.
 */
@Singleton
public class EnrichmentService {
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:/-]{0,63}");

    private final CustomerService customers;
    private final CustomerValidator validator;
    private final SettingsService settings;
    private final ObjectMapper json;

    public EnrichmentService(CustomerService customers, CustomerValidator validator, SettingsService settings, ObjectMapper json) {
        this.customers = customers;
        this.validator = validator;
        this.settings = settings;
        this.json = json;
    }

    public EnrichmentResult enrich(Identity who, String customerId, ObjectNode body) {
        FieldReader in = new FieldReader(body);
        String source = in.required("source", 64);
        if (source != null && !SOURCE.matcher(source).matches()) {
            in.error("source", "must be a short system name: letters, digits, space and . _ : / -");
        }
        in.ignore("fields");
        JsonNode fields = body.get("fields");
        if (fields == null || !fields.isObject() || fields.isEmpty()) {
            in.error("fields", "is required: an object of customer fields and proposed values");
        } else {
            for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!EnrichableFields.NAMES.contains(name)) {
                    in.error("fields." + name, "is not a field enrichment may set; one of " + EnrichableFields.NAMES);
                }
            }
        }
        in.throwIfInvalid();

        Customer customer = customers.get(who, customerId);
        if (Boolean.TRUE.equals(customer.fields().restricted())) {
            throw new ApiException(409, "Conflict", "the customer's processing is restricted (GDPR Art. 18): no enrichment");
        }
        ObjectNode current = json.valueToTree(customer.fields());
        // every proposed value validated and normalised as an update would be, errors named by request path
        ObjectNode proposedAll = current.deepCopy();
        fields.fields().forEachRemaining(e -> proposedAll.set(e.getKey(), e.getValue()));
        ObjectNode normalised = json.valueToTree(validated(proposedAll));

        TenantSettings tenant = settings.current(who.tenantId());
        ObjectNode next = current.deepCopy();
        List<EnrichmentResult.Applied> applied = new ArrayList<>();
        List<EnrichmentResult.Skipped> skipped = new ArrayList<>();
        Map<String, JsonNode> proposals = new LinkedHashMap<>();
        fields.fieldNames().forEachRemaining(name -> proposals.put(name, normalised.get(name)));
        proposals.forEach((field, value) -> {
            JsonNode was = current.get(field);
            if (isEmpty(value)) {
                skipped.add(new EnrichmentResult.Skipped(field, EnrichmentResult.Reason.EMPTY, "enrichment never clears a field"));
            } else if (value.equals(was)) {
                skipped.add(new EnrichmentResult.Skipped(field, EnrichmentResult.Reason.UNCHANGED, "already has this value"));
            } else if (isUnset(customer.fields(), field, was) || tenant.enrichmentOverwritableFields().contains(field)) {
                next.set(field, value);
                applied.add(new EnrichmentResult.Applied(field, was, value));
            } else {
                skipped.add(new EnrichmentResult.Skipped(field, EnrichmentResult.Reason.ALREADY_SET,
                        "has a value, and the settings do not let enrichment overwrite it (enrichmentOverwritableFields)"));
            }
        });
        if (applied.isEmpty()) {
            return new EnrichmentResult(customer.id(), source, customer.version(), applied, skipped);
        }
        Customer updated;
        try {
            updated = customers.update(who, customer, validated(next), "enrichment:" + source);
        } catch (ApiException e) {
            throw e.status() == 400 ? renamed(e) : e;
        }
        return new EnrichmentResult(updated.id(), source, updated.version(), applied, skipped);
    }

    private CustomerDraft validated(ObjectNode fields) {
        try {
            return validator.validate(fields);
        } catch (ApiException e) {
            throw renamed(e);
        }
    }

    /** The validator names customer fields; the request nests them under {@code fields}. */
    private static ApiException renamed(ApiException e) {
        List<FieldError> errors = e.errors().stream().map(error -> new FieldError("fields." + error.field(), error.message())).toList();
        return ApiException.validation(errors);
    }

    /** Empty: absent, blank or an empty list; a name that only repeats the mobile (its default) counts as empty. */
    private static boolean isUnset(CustomerDraft fields, String field, JsonNode value) {
        if ("name".equals(field) && fields.name() != null && fields.name().equals(fields.mobile())) {
            return true;
        }
        return isEmpty(value);
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())
                || (value.isTextual() && value.textValue().isBlank());
    }
}
