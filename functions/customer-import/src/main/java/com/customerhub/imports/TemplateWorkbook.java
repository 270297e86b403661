package com.customerhub.imports;

import jakarta.inject.Singleton;
import org.dhatim.fastexcel.VisibilityState;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The import template (GET /imports/template): the Customers sheet first (what the import reads)
 * with the mandatory columns marked with a star and highlighted, the mobile column formatted as
 * text, drop-down lists for the enumerated columns; an Instructions sheet; the lists' values on a
 * hidden sheet. Small, so built in memory.
 */
@Singleton
public class TemplateWorkbook {
    static final int VALIDATED_ROWS = 10_000;

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "customer-hub", "1.0");
            Worksheet customers = workbook.newWorksheet("Customers");
            Worksheet instructions = workbook.newWorksheet("Instructions");
            Worksheet lists = workbook.newWorksheet("Lists");
            ImportColumn[] columns = ImportColumn.values();
            int listColumn = 0;
            for (int c = 0; c < columns.length; c++) {
                ImportColumn column = columns[c];
                customers.value(0, c, column.header());
                customers.width(c, Math.max(12, column.field().length() + 4));
                if (column.mandatory()) {
                    customers.style(0, c).bold().fillColor("FFFF00").set();
                } else {
                    customers.style(0, c).bold().set();
                }
                if (column == ImportColumn.MOBILE) {
                    customers.style(c).format("@").set(); // phones stay text: no lost leading + or zeros
                }
                if (!column.choices().isEmpty() && column.kind() != ImportColumn.Kind.LIST) {
                    for (int i = 0; i < column.choices().size(); i++) {
                        lists.value(i, listColumn, column.choices().get(i));
                    }
                    customers.range(1, c, VALIDATED_ROWS, c)
                            .validateWithList(lists.range(0, listColumn, column.choices().size() - 1, listColumn))
                            .allowBlank(true).showErrorMessage(true)
                            .errorTitle(column.field()).error("Choose one of: " + String.join(", ", column.choices()));
                    listColumn++;
                }
            }
            customers.freezePane(0, 1);
            lists.setVisibilityState(VisibilityState.HIDDEN);

            List<String> intro = List.of(
                    "How to fill in this template",
                    "Fill the Customers sheet, one customer per row, from row 2. Keep the header row. Columns marked * (highlighted) are mandatory.",
                    "Upload the file as imports/{tenantId}/upsert/{name}.xlsx (insert and update) or imports/{tenantId}/replace/{name}.xlsx (insert, update and delete: afterwards you hold exactly the file's customers).",
                    "Rows match existing customers by externalId, else by mobile. Unchanged rows are not written. A blank cell clears the field; a column you leave out is not touched.",
                    "You will see the valid and the rejected rows, and why, before confirming. Enter mobiles with the country prefix, e.g. +393331234567.");
            for (int r = 0; r < intro.size(); r++) {
                instructions.value(r, 0, intro.get(r));
            }
            instructions.style(0, 0).bold().set();
            int header = intro.size() + 1;
            String[] titles = {"column", "mandatory", "description", "allowed values"};
            for (int c = 0; c < titles.length; c++) {
                instructions.value(header, c, titles[c]);
                instructions.style(header, c).bold().set();
            }
            for (int i = 0; i < columns.length; i++) {
                int r = header + 1 + i;
                instructions.value(r, 0, columns[i].field());
                instructions.value(r, 1, columns[i].mandatory() ? "yes" : "no");
                instructions.value(r, 2, columns[i].hint());
                instructions.value(r, 3, String.join(", ", columns[i].choices()));
            }
            instructions.width(0, 20);
            instructions.width(2, 80);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
