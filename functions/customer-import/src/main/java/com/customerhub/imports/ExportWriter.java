package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Customers to an .xlsx in the template's columns and header, streamed: what an export writes is
 * what an upsert import reads back without a change. Text that a spreadsheet could run as a formula
 * gets an apostrophe; the mobile stays text; priority is a number, keepHistory TRUE/FALSE.
 */
@Singleton
public class ExportWriter {
    private final ObjectMapper json;

    public ExportWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Writes every customer the iterator yields; returns the file and the row count. */
    public Written write(Iterator<Customer> customers) {
        ImportColumn[] columns = ImportColumn.values();
        SheetWriter writer = new SheetWriter("Customers", Arrays.stream(columns).map(ImportColumn::header).toList(),
                ImportColumn.MOBILE.ordinal());
        try {
            Object[] cells = new Object[columns.length];
            while (customers.hasNext()) {
                CustomerDraft d = customers.next().fields();
                for (int c = 0; c < columns.length; c++) {
                    cells[c] = cell(columns[c], d);
                }
                writer.row(cells);
            }
            return new Written(writer.finish(), writer.rowsWritten());
        } catch (RuntimeException e) {
            writer.close();
            S3Files.deleteQuietly(writer.file());
            throw e;
        }
    }

    /** The cell of one column, read straight from the record (no JSON tree per row: exports are large). */
    static Object cell(ImportColumn column, CustomerDraft d) {
        return switch (column) {
            case MOBILE -> d.mobile();
            case NAME -> d.name();
            case EMAIL -> d.email();
            case CUSTOMER_TYPE -> d.customerType() == null ? null : d.customerType().name();
            case FIRST_NAME -> d.firstName();
            case LAST_NAME -> d.lastName();
            case COMPANY -> d.company();
            case SECTOR -> d.sector();
            case JOB_TITLE -> d.jobTitle();
            case PRIORITY -> d.priority();
            case DEFAULT_SKILLSET -> d.defaultSkillset();
            case NOTES -> d.notes();
            case EXTERNAL_ID -> d.externalId();
            case KEEP_HISTORY -> d.keepHistory() == null ? null : d.keepHistory() ? "TRUE" : "FALSE";
            case TAGS -> join(d.tags());
            case PREFERRED_CHANNELS -> d.preferredChannels() == null || d.preferredChannels().isEmpty() ? null
                    : String.join(", ", d.preferredChannels().stream().map(Enum::name).toList());
            case RESPONSIBLE_USER -> d.responsibleUser();
            case CONTACT_CLASS -> d.contactClass();
        };
    }

    private static String join(java.util.List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    public record Written(Path file, long rows) {
    }
}
