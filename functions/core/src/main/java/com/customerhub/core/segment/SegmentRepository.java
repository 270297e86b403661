package com.customerhub.core.segment;

import com.customerhub.core.data.Page;
import com.customerhub.core.data.VersionedDocuments;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Optional;

/** Segments in the AlertRulesTable ({@code pk = tenant#SEGMENTS}, {@code sk = SEGMENT#<id>}); writes are conditional on the version read. */
@Singleton
public class SegmentRepository {
    static final VersionedDocuments.Kind<Segment> KIND =
            new VersionedDocuments.Kind<>(Segment.class, "SEGMENT", RulesTableKeys::segments, "segment");

    private final VersionedDocuments<Segment> documents;

    public SegmentRepository(DynamoDbClient dynamo, @Value("${alert.rules.table:}") String table, ObjectMapper json) {
        this.documents = new VersionedDocuments<>(dynamo, table, json, KIND);
    }

    public Optional<Segment> find(String tenant, String id) {
        return documents.find(tenant, id);
    }

    /** Puts the segment; {@code expectedVersion} 0 means it must not exist yet (409), else 412 when stale, 404 when gone. */
    public void put(String tenant, Segment segment, long expectedVersion) {
        documents.put(tenant, segment, expectedVersion);
    }

    /** Deletes the segment at the version read: 412 when it changed since, 404 when it is gone. */
    public void delete(String tenant, String id, long expectedVersion) {
        if (!documents.deleteAt(tenant, id, expectedVersion)) {
            throw documents.conflict(tenant, id, expectedVersion);
        }
    }

    public Page<Segment> list(String tenant, int pageSize, String cursor) {
        return documents.list(tenant, pageSize, cursor);
    }
}
