package com.customerhub.core.bulk;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerQuery;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.Page;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.export.ExportRequests;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.customerhub.core.validation.FieldReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Actions over an explicit selection of ids (gathered from any number of pages) or over a filter:
 * tag, untag, assign a responsible user, delete, and export (queued as an export job). Each customer is changed on its own, through the
 * normal update path (validated, audited, versioned), so one failure does not stop the rest and
 * is reported against its id.
 */
@Singleton
public class BulkService {
    /**
     * The most customers one call may touch: each is a conditional write of its own, and the call
     * must end within API Gateway's 29-second limit. A filter that selects more answers a cursor.
     */
    public static final int MAX_IDS = 1000;

    private final CustomerService customers;
    private final ObjectMapper json;
    private final ExportRequests exports;

    public BulkService(CustomerService customers, ObjectMapper json, ExportRequests exports) {
        this.customers = customers;
        this.json = json;
        this.exports = exports;
    }

    public BulkResult apply(Identity who, ObjectNode body) {
        FieldReader in = new FieldReader(body);
        String action = in.required("action", 32);
        List<String> ids = in.stringList("ids", MAX_IDS, 64);
        FieldReader filter = in.nested("filter");
        String tag = in.string("tag", 50);
        String responsibleUser = in.string("responsibleUser", 128);
        String cursor = in.string("cursor", 2048);
        CustomerQuery query = null;
        if (filter != null) {
            String updatedSince = filter.string("updatedSince", 40);
            Instant since = null;
            try {
                since = updatedSince == null ? null : Instant.parse(updatedSince);
            } catch (DateTimeParseException e) {
                filter.error("updatedSince", "must be an ISO-8601 UTC timestamp");
            }
            query = new CustomerQuery(filter.string("q", 200), filter.string("tag", 50), filter.string("responsibleUser", 128), since);
            filter.checkUnknown();
        }
        if (body.has("ids") && body.get("ids").isArray() && body.get("ids").size() > MAX_IDS) {
            in.error("ids", "at most " + MAX_IDS + " ids per call, so that it ends within API Gateway's 29 s; send the rest in another call");
        }
        if ((ids == null) == (filter == null)) {
            in.error("ids", "send either ids or a filter");
        }
        if (action != null) {
            switch (action) {
                case "tag", "untag" -> {
                    if (tag == null) {
                        in.error("tag", "is required for " + action);
                    }
                }
                case "assignResponsible" -> {
                    if (responsibleUser == null && !body.has("responsibleUser")) {
                        in.error("responsibleUser", "is required for assignResponsible (null removes it)");
                    }
                }
                case "delete" -> {
                    if (!who.hasAnyRole(EnumSet.of(Role.ADMIN))) {
                        throw ApiException.forbidden("bulk delete requires the role admin");
                    }
                }
                case "export" -> {
                    if (filter != null && body.get("filter").hasNonNull("q")) {
                        in.error("filter.q", "an export filters by tag, responsibleUser or updatedSince, or takes ids");
                    }
                }
                default -> in.error("action", "must be one of tag, untag, assignResponsible, delete, export");
            }
        }
        in.throwIfInvalid();
        if ("export".equals(action)) {
            return export(who, ids, query);
        }

        Set<String> selection = new LinkedHashSet<>();
        String nextCursor = null;
        if (ids != null) {
            selection.addAll(ids);
        } else {
            String pageCursor = cursor;
            do {
                Page<Customer> page = customers.list(who, query, 100, pageCursor);
                page.items().forEach(c -> selection.add(c.id()));
                pageCursor = page.nextCursor();
            } while (pageCursor != null && selection.size() < MAX_IDS);
            nextCursor = pageCursor;
        }
        List<BulkResult.Item> results = new ArrayList<>();
        for (String id : selection) {
            results.add(applyOne(who, action, id, tag, responsibleUser));
        }
        int done = (int) results.stream().filter(r -> r.status().equals("DONE")).count();
        int unchanged = (int) results.stream().filter(r -> r.status().equals("UNCHANGED")).count();
        return new BulkResult(action, selection.size(), done, unchanged, results.size() - done - unchanged, results, nextCursor);
    }

    /** An export is a job: the file is written by the import function and fetched with GET /exports/{id}. */
    private BulkResult export(Identity who, List<String> ids, CustomerQuery query) {
        ObjectNode filter = json.createObjectNode();
        if (ids != null) {
            ArrayNode array = filter.putArray("ids");
            ids.forEach(array::add);
        } else {
            if (query.tag() != null) {
                filter.put("tag", query.tag());
            }
            if (query.responsibleUser() != null) {
                filter.put("responsibleUser", query.responsibleUser());
            }
            if (query.updatedSince() != null) {
                filter.put("updatedSince", query.updatedSince().toString());
            }
        }
        String exportId = exports.request(who, filter).id();
        List<BulkResult.Item> results = ids == null ? List.of()
                : ids.stream().map(id -> new BulkResult.Item(id, "QUEUED", null, "GET /exports/" + exportId)).toList();
        return new BulkResult("export", results.size(), 0, 0, 0, results, null, exportId);
    }

    private BulkResult.Item applyOne(Identity who, String action, String id, String tag, String responsibleUser) {
        try {
            Customer current = customers.get(who, id);
            if (action.equals("delete")) {
                customers.delete(who, id, current.version());
                return new BulkResult.Item(id, "DONE", null, null);
            }
            ObjectNode patch = json.createObjectNode();
            switch (action) {
                case "tag", "untag" -> {
                    List<String> tags = new ArrayList<>(current.fields().tags() == null ? List.of() : current.fields().tags());
                    boolean has = tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag));
                    if (action.equals("tag") == has) {
                        return new BulkResult.Item(id, "UNCHANGED", null, null);
                    }
                    if (action.equals("tag")) {
                        tags.add(tag);
                    } else {
                        tags.removeIf(t -> t.toLowerCase(Locale.ROOT).equals(tag.toLowerCase(Locale.ROOT)));
                    }
                    ArrayNode array = patch.putArray("tags");
                    tags.forEach(array::add);
                }
                default -> {
                    if (responsibleUser == null) {
                        patch.putNull("responsibleUser");
                    } else {
                        patch.put("responsibleUser", responsibleUser);
                    }
                }
            }
            Customer after = customers.patch(who, id, current.version(), patch);
            return new BulkResult.Item(id, after.version() == current.version() ? "UNCHANGED" : "DONE", null, null);
        } catch (ApiException e) {
            return new BulkResult.Item(id, e.status() == 404 ? "NOT_FOUND" : "FAILED", e.status(), e.detail());
        }
    }
}
