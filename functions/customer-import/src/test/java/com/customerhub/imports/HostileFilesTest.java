package com.customerhub.imports;

import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Each hostile file is refused before any row is read, with a reason in the job; nothing is written. */
@ExtendWith(SharedDynamoDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFilesTest {
    private static final String SHEET = "xl/worksheets/sheet1.xml";
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private ImportHarness harness;

    @BeforeAll
    void start(LocalDynamoDb dynamo) {
        harness = new ImportHarness(dynamo, Map.of());
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private static byte[] base() {
        return Workbooks.xlsx(List.of("mobile", "name"), List.of(List.of("+393331112222", "Valid")));
    }

    static String sheet(String prolog, String rows) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + prolog
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + rows + "</sheetData></worksheet>";
    }

    static String row(int r, String... cells) {
        StringBuilder xml = new StringBuilder("<row r=\"" + r + "\">");
        for (int c = 0; c < cells.length; c++) {
            xml.append("<c r=\"").append(SheetReader.columnLetters(c)).append(r).append("\" t=\"inlineStr\"><is><t>")
                    .append(cells[c]).append("</t></is></c>");
        }
        return xml.append("</row>").toString();
    }

    private static byte[] withSheet(String xml) {
        return Workbooks.withParts(base(), Map.of(SHEET, xml.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode refused(byte[] file, String... reasonContains) {
        String tenant = ImportHandlerTest.tenant();
        harness.drop("imports/" + tenant + "/upsert/hostile.xlsx", file, true);
        harness.deliver();
        JsonNode job = harness.latestJob(tenant);
        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        assertThat(job.get("reason").asText()).contains(reasonContains);
        assertThat(harness.customers(tenant)).isEmpty();
        return job;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void anOldXlsOrAnEncryptedWorkbookIsRefused() {
        refused(concat(OLE2, new byte[512]), "OLE2", ".xls");
        refused(concat(OLE2, "....EncryptedPackage....EncryptionInfo".getBytes(StandardCharsets.UTF_16LE)), "password-protected");
    }

    @Test
    void aCsvRenamedIsRefused() {
        refused("mobile,name\n+393331112222,Mario\n".getBytes(StandardCharsets.UTF_8), "not an .xlsx", "CSV");
    }

    @Test
    void aMacroEnabledWorkbookIsRefused() {
        refused(Workbooks.withParts(base(), Map.of("xl/vbaProject.bin", new byte[]{1, 2, 3})), "macros");
    }

    @Test
    void zipBombsAreRefusedByInflationRatioAndBySize() {
        String padding = " ".repeat(3 << 20); // 3 MB of spaces deflate ~1000x
        refused(withSheet(sheet("", row(1, "mobile") + padding)), "zip bomb");
        byte[] noise = new byte[9 << 20]; // incompressible and over the 8 MB entry cap of the tests
        new Random(1).nextBytes(noise);
        refused(Workbooks.withParts(base(), Map.of("xl/media/image1.png", noise)), "more than 8388608 bytes");
    }

    @Test
    void externalEntitiesAndEntityExpansionAreRefused() {
        refused(withSheet(sheet("<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                row(1, "mobile", "name") + row(2, "+393331112222", "&xxe;"))), "DTD");
        String laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        refused(Workbooks.withParts(base(), Map.of("xl/sharedStrings.xml",
                ("<?xml version=\"1.0\"?>" + laughs + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                        + "<si><t>&lol3;</t></si></sst>").getBytes(StandardCharsets.UTF_8))), "DTD");
        // a DTD hidden behind a comment is found too
        refused(withSheet(sheet("<!-- <a> --><!DOCTYPE x [<!ENTITY e SYSTEM \"http://127.0.0.1/\">]>", row(1, "mobile"))), "DTD");
    }

    @Test
    void tooManyRowsTooManyColumnsAndOversizedCellsAreRefused() {
        StringBuilder rows = new StringBuilder(row(1, "mobile", "name"));
        for (int r = 2; r <= 202; r++) { // 201 data rows, the tests' limit is 200
            rows.append(row(r, "+39333" + String.format("%07d", r), "n"));
        }
        refused(withSheet(sheet("", rows.toString())), "more than 200");
        refused(withSheet(sheet("", "<dimension ref=\"A1:B5000\"/>".replace("<dimension", "<dimension") + row(1, "mobile"))
                .replace("<sheetData>", "<dimension ref=\"A1:B5000\"/><sheetData>").replace("<dimension ref=\"A1:B5000\"/><row", "<row")),
                "4999 data rows");
        String[] wide = new String[101];
        wide[0] = "mobile";
        for (int c = 1; c < wide.length; c++) {
            wide[c] = "";
        }
        wide[100] = "x";
        refused(withSheet(sheet("", row(1, wide))), "column 100");
        refused(withSheet(sheet("", row(1, "mobile", "notes") + row(2, "+393331112222", "a".repeat(32_768)))), "32767 characters");
    }

    @Test
    void formulasGiveTheirCachedValueAndAreNeverEvaluated() {
        String tenant = ImportHandlerTest.tenant();
        String xml = sheet("", row(1, "mobile", "name", "notes")
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>+393331119999</t></is></c>"
                + "<c r=\"B2\" t=\"str\"><f>CONCAT(\"Eval\",\"uated\")</f><v>Cached Name</v></c>"
                + "<c r=\"C2\"><f>1+1</f><v>7</v></c></row>");
        harness.drop("imports/" + tenant + "/upsert/formulas.xlsx", withSheet(xml), true);
        harness.deliver();
        assertThat(harness.latestJob(tenant).get("status").asText()).isEqualTo("COMPLETED");
        var customer = harness.customerByMobile(tenant, "+393331119999").orElseThrow();
        assertThat(customer.fields().name()).isEqualTo("Cached Name");
        assertThat(customer.fields().notes()).isEqualTo("7");
    }
}
