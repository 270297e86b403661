package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
                ObjectNode fields = json.valueToTree(customers.next().fields());
                for (int c = 0; c < columns.length; c++) {
                    JsonNode value = fields.get(columns[c].field());
                    if (value == null || value.isNull()) {
                        cells[c] = null;
                    } else if (columns[c].kind() == ImportColumn.Kind.INTEGER && value.isNumber()) {
                        cells[c] = value.intValue();
                    } else {
                        cells[c] = RowMapper.cellText(json, columns[c], value);
                    }
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

    public record Written(Path file, long rows) {
    }
}
