package com.customerhub.privacy.worker;

import com.customerhub.core.identity.Identity;
import com.customerhub.privacy.requests.AccessDocuments;
import com.customerhub.privacy.requests.PrivacyRequest;
import com.customerhub.privacy.requests.RequestType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * ACCESS (GDPR Art. 15) and PORTABILITY (Art. 20): the JSON document of everything held on the
 * person, written encrypted under the tenant's prefix (same key on a re-run), handed out as a
 * presigned URL by the API.
 */
@Singleton
public class AccessJob implements PrivacyJob {
    private final SubjectData subject;
    private final AccessDocuments documents;
    private final Clock clock;
    private final ObjectMapper json;

    public AccessJob(SubjectData subject, AccessDocuments documents, Clock clock, ObjectMapper json) {
        this.subject = subject;
        this.documents = documents;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public boolean handles(RequestType type) {
        return type == RequestType.ACCESS || type == RequestType.PORTABILITY;
    }

    @Override
    public ObjectNode run(Identity who, Progress progress) {
        PrivacyRequest request = progress.request();
        ObjectNode result = json.createObjectNode();
        if (subject.profile(who.tenantId(), request.customerId()).isEmpty()) {
            return result.put("note", "no data is held on customer " + request.customerId() + " (erased, or never held)");
        }
        Instant now = clock.instant();
        ObjectNode document = subject.document(who.tenantId(), request.customerId(), request, now);
        String key = AccessDocuments.key(who.tenantId(), request.id());
        Instant expires;
        try {
            expires = documents.put(key, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document), now);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return result.put("documentKey", key).put("format", "application/json").put("expiresAt", expires.toString())
                .put("interactions", document.path("interactions").size()).put("auditEntries", document.path("audit").size());
    }
}
