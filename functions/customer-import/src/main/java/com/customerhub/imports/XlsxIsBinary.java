package com.customerhub.imports;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.function.BinaryTypeConfiguration;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * The template download is an .xlsx: API Gateway must get it base64-encoded. Done in code rather
 * than application.yml, which is not read when several functions share one classpath (local stack).
 */
@Singleton
public class XlsxIsBinary implements BeanCreatedEventListener<BinaryTypeConfiguration> {
    @Override
    public BinaryTypeConfiguration onCreated(BeanCreatedEvent<BinaryTypeConfiguration> event) {
        BinaryTypeConfiguration types = event.getBean();
        List<String> additional = new ArrayList<>(types.getAdditionalTypes() == null ? List.of() : types.getAdditionalTypes());
        if (!additional.contains(S3Files.XLSX)) {
            additional.add(S3Files.XLSX);
        }
        types.setAdditionalTypes(additional);
        return types;
    }
}
