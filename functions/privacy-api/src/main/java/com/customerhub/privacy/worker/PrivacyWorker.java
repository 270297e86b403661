package com.customerhub.privacy.worker;

import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.customerhub.privacy.requests.HistoryEntry;
import com.customerhub.privacy.requests.Lifecycle;
import com.customerhub.privacy.requests.PrivacyRequest;
import com.customerhub.privacy.requests.PrivacyRequestRepository;
import com.customerhub.privacy.requests.RequestStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one started request: only an IN_PROGRESS one (a duplicate delivery of a finished request
 * does nothing), as the dpo who started it, then records the result, completes it and emits
 * {@code PrivacyRequestCompleted}. A failure is noted in the history (no personal data) and
 * rethrown, so Lambda's asynchronous retry (or the dpo processing it again) resumes it.
 */
@Singleton
public class PrivacyWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyWorker.class);
    static final String SYSTEM = "system:privacy-worker";

    private final PrivacyRequestRepository requests;
    private final List<PrivacyJob> jobs;
    private final EventPublisher events;
    private final Clock clock;

    public PrivacyWorker(PrivacyRequestRepository requests, List<PrivacyJob> jobs, EventPublisher events, Clock clock) {
        this.requests = requests;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    public void run(String tenant, String requestId) {
        Optional<PrivacyRequest> found = requests.find(tenant, requestId);
        if (found.isEmpty() || found.get().status() != RequestStatus.IN_PROGRESS) {
            LOG.info("privacy request {} is not in progress; nothing to do", requestId);
            return;
        }
        PrivacyRequest request = found.get();
        Identity who = new Identity(tenant, request.processedBy() == null ? SYSTEM : request.processedBy(), Set.of(Role.DPO), Optional.empty());
        PrivacyJob job = jobs.stream().filter(j -> j.handles(request.type())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no job for " + request.type()));
        Progress progress = new Progress(requests, tenant, request);
        ObjectNode result;
        try {
            result = job.run(who, progress);
        } catch (RuntimeException e) {
            LOG.error("privacy request {} ({}) failed; it is retried", requestId, request.type(), e);
            try {
                PrivacyRequest latest = requests.find(tenant, requestId).orElse(progress.request());
                requests.save(tenant, latest.withHistory(new HistoryEntry(now(), SYSTEM, "ATTEMPT_FAILED",
                        e.getClass().getSimpleName() + (e instanceof com.customerhub.core.error.ApiException api ? " " + api.status() : ""))));
            } catch (RuntimeException notNoted) {
                e.addSuppressed(notNoted); // the retry matters more than the note
            }
            throw e;
        }
        PrivacyRequest latest = progress.request();
        Lifecycle.check(latest.status(), Lifecycle.Action.COMPLETE);
        Instant now = now();
        requests.save(tenant, latest.completed(result, now, new HistoryEntry(now, SYSTEM, "COMPLETED", null)));
        events.publish(new DomainEvent("PrivacyRequestCompleted", tenant, Map.of("requestId", requestId,
                "customerId", request.customerId(), "type", request.type().name()), now));
        LOG.info("privacy request {} ({}) completed", requestId, request.type());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
