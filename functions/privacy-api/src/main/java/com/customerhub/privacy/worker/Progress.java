package com.customerhub.privacy.worker;

import com.customerhub.privacy.requests.PrivacyRequest;
import com.customerhub.privacy.requests.PrivacyRequestRepository;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The worker's write-ahead log on the request: each step first records what it found (its
 * inventory), then acts, then records that it is done with what it did. A run killed half-way
 * resumes from the log: done steps are skipped, a started one is redone from its recorded
 * inventory (every action is idempotent), so the certificate lists what the first run removed too.
 */
public final class Progress {
    private final PrivacyRequestRepository requests;
    private final String tenant;
    private PrivacyRequest request;

    Progress(PrivacyRequestRepository requests, String tenant, PrivacyRequest request) {
        this.requests = requests;
        this.tenant = tenant;
        this.request = request;
    }

    public PrivacyRequest request() {
        return request;
    }

    public boolean empty() {
        return request.progress() == null || request.progress().isEmpty();
    }

    /**
     * Runs one step: {@code inventory} (skipped when already logged; may answer null: nothing to do),
     * then {@code act} over it; answers the finished entry.
     */
    public ObjectNode step(String name, Supplier<ObjectNode> inventory, Function<ObjectNode, ObjectNode> act) {
        ObjectNode log = request.progress() == null ? JsonNodeFactory.instance.objectNode() : request.progress().deepCopy();
        ObjectNode entry = log.has(name) ? (ObjectNode) log.get(name) : null;
        if (entry != null && entry.path("done").asBoolean(false)) {
            return entry;
        }
        if (entry == null) {
            entry = inventory.get();
            if (entry == null) {
                return null;
            }
            save(log, name, entry);
        }
        ObjectNode finished = act.apply(entry.deepCopy());
        finished.put("done", true);
        save(request.progress().deepCopy(), name, finished);
        return finished;
    }

    private void save(ObjectNode log, String name, ObjectNode entry) {
        log.set(name, entry);
        request = requests.save(tenant, request.withProgress(log));
    }
}
