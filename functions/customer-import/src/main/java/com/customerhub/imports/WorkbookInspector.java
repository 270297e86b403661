package com.customerhub.imports;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Looks at a file before any spreadsheet parser touches it and refuses what is not a plain .xlsx:
 * old .xls and encrypted workbooks (OLE2), CSV or anything else renamed, macro-enabled workbooks,
 * zip bombs (per-entry and total inflated size, inflation ratio, entry count; sizes are measured
 * by inflating, not trusted from the headers), XML with a DTD (external entities, entity
 * expansion), and sheets whose declared dimension exceeds the row or column limit.
 */
@Singleton
public class WorkbookInspector {
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final Pattern DIMENSION = Pattern.compile("<(?:\\w+:)?dimension\\s+ref=\"[A-Z]+\\d+(?::([A-Z]+)(\\d+))?\"");
    private static final int SMALL_ENTRY = 1 << 20;

    private final ImportSettings settings;

    public WorkbookInspector(ImportSettings settings) {
        this.settings = settings;
    }

    public void inspect(Path file) throws IOException {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, 8);
        }
        if (read == 8 && java.util.Arrays.equals(head, OLE2)) {
            throw new RejectedFile("the file is an OLE2 document: an old .xls or a password-protected workbook; "
                    + "save it as an unprotected Excel Workbook (.xlsx)");
        }
        if (read < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw new RejectedFile("the file is not an .xlsx workbook (a CSV or another file renamed?); "
                    + "save it as Excel Workbook (.xlsx)");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > settings.maxEntries()) {
                throw new RejectedFile("the workbook has " + zip.size() + " parts, more than " + settings.maxEntries());
            }
            if (zip.getEntry("[Content_Types].xml") == null || zip.getEntry("xl/workbook.xml") == null) {
                throw new RejectedFile("the file is a zip archive but not an Excel workbook");
            }
            long total = 0;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.endsWith(".bin") && name.contains("vba")) {
                    throw new RejectedFile("the workbook contains macros (.xlsm); save it as Excel Workbook (.xlsx) without macros");
                }
                if (entry.getSize() > settings.maxEntryBytes()) {
                    throw new RejectedFile("a part of the workbook inflates to more than " + settings.maxEntryBytes() + " bytes (zip bomb?)");
                }
                total += inspectEntry(zip, entry, settings.maxTotalBytes() - total);
            }
            String types = new String(zip.getInputStream(zip.getEntry("[Content_Types].xml")).readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (types.toLowerCase(Locale.ROOT).contains("macroenabled") || types.toLowerCase(Locale.ROOT).contains("vbaproject")) {
                throw new RejectedFile("the workbook is macro-enabled (.xlsm); save it as Excel Workbook (.xlsx) without macros");
            }
        } catch (ZipException e) {
            throw new RejectedFile("the file is not a readable .xlsx workbook (damaged zip)");
        }
    }

    /** Inflates one entry, counting bytes and checking the XML prolog; returns the inflated size. */
    private long inspectEntry(ZipFile zip, ZipEntry entry, long totalLeft) throws IOException {
        long compressed = Math.max(entry.getCompressedSize(), 1);
        boolean xml = entry.getName().endsWith(".xml") || entry.getName().endsWith(".rels") || entry.getName().endsWith(".vml");
        boolean sheet = entry.getName().startsWith("xl/worksheets/") && entry.getName().endsWith(".xml");
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            int n;
            boolean first = true;
            // the first block is read whole, so the prolog check sees the root element
            while ((n = first ? in.readNBytes(buffer, 0, buffer.length) : in.read(buffer)) > 0) {
                if (first && xml) {
                    checkProlog(buffer, n);
                    if (sheet) {
                        checkDimension(new String(buffer, 0, Math.min(n, 4096), StandardCharsets.UTF_8));
                    }
                }
                first = false;
                size += n;
                if (size > settings.maxEntryBytes() || size > totalLeft) {
                    throw new RejectedFile("the workbook inflates to more than the allowed size (zip bomb?)");
                }
                if (size > SMALL_ENTRY && size / compressed > settings.maxRatio()) {
                    throw new RejectedFile("a part of the workbook inflates more than " + settings.maxRatio() + " times (zip bomb?)");
                }
            }
        }
        return size;
    }

    /**
     * A DOCTYPE can only come before the root element, so the prolog is all there is to check:
     * any DTD is refused (external entities, entity expansion), and so is XML that is not UTF-8,
     * which this byte-level check could not read.
     */
    private static void checkProlog(byte[] data, int length) {
        if (length >= 2 && ((data[0] == (byte) 0xFE && data[1] == (byte) 0xFF) || (data[0] == (byte) 0xFF && data[1] == (byte) 0xFE)
                || data[0] == 0 || data[1] == 0)) {
            throw new RejectedFile("the workbook's XML is not UTF-8 encoded");
        }
        String text = new String(data, 0, length, StandardCharsets.ISO_8859_1);
        int i = 0;
        while (true) {
            int lt = text.indexOf('<', i);
            if (lt < 0 || lt + 1 >= text.length()) {
                // the prolog is longer than the first block: only a DTD would make it so
                if (text.toUpperCase(Locale.ROOT).contains("<!DOCTYPE") || text.contains("<!ENTITY")) {
                    throw dtd();
                }
                if (lt < 0 && length == data.length) {
                    throw new RejectedFile("the workbook's XML has an oversized prolog");
                }
                return;
            }
            char next = text.charAt(lt + 1);
            if (next == '?') {
                i = endOf(text, "?>", lt);
            } else if (text.startsWith("<!--", lt)) {
                i = endOf(text, "-->", lt);
            } else if (next == '!') {
                throw dtd();
            } else {
                return; // the root element: no DTD can follow
            }
            if (i < 0) {
                throw new RejectedFile("the workbook's XML has an oversized prolog");
            }
        }
    }

    private static int endOf(String text, String end, int from) {
        int at = text.indexOf(end, from);
        return at < 0 ? -1 : at + end.length();
    }

    private static RejectedFile dtd() {
        return new RejectedFile("the workbook's XML declares a DTD (external entities and entity expansion are refused)");
    }

    private void checkDimension(String head) {
        Matcher m = DIMENSION.matcher(head);
        if (m.find() && m.group(1) != null) {
            long lastRow = Long.parseLong(m.group(2));
            int lastColumn = columnNumber(m.group(1));
            if (lastRow - 1 > settings.maxRows()) {
                throw new RejectedFile("the sheet has " + (lastRow - 1) + " data rows, more than the limit of " + settings.maxRows());
            }
            if (lastColumn > settings.maxColumns()) {
                throw new RejectedFile("the sheet has " + lastColumn + " columns, more than the limit of " + settings.maxColumns());
            }
        }
    }

    static int columnNumber(String letters) {
        int n = 0;
        for (char c : letters.toCharArray()) {
            n = n * 26 + (c - 'A' + 1);
        }
        return n;
    }
}
