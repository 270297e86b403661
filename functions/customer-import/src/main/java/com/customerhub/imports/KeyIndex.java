package com.customerhub.imports;

/**
 * A compact map from a key (a mobile, email, external id or customer id, stored as a 64-bit hash)
 * to the sheet row that first used it: a million keys take ~24 MB instead of ~150 MB of strings,
 * which keeps a million-row file inside a 512 MB function. A false match needs two different keys
 * with the same 64-bit hash (about 1 in 10^7 for a million keys), and then only rejects a row.
 */
public final class KeyIndex {
    private static final long EMPTY = 0L;
    private long[] keys = new long[1 << 10];
    private long[] rows = new long[1 << 10];
    private int size;

    /** The row that already holds this key, or -1 after recording it for {@code row}. */
    public long putIfAbsent(String key, long row) {
        if (size * 2 >= keys.length) {
            grow();
        }
        long hash = hash(key);
        int mask = keys.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == hash) {
                return rows[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = hash;
        rows[i] = row;
        size++;
        return -1;
    }

    public boolean contains(String key) {
        long hash = hash(key);
        int mask = keys.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == hash) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    public int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldRows = rows;
        keys = new long[oldKeys.length * 2];
        rows = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = (int) (oldKeys[j] ^ (oldKeys[j] >>> 32)) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                rows[i] = oldRows[j];
            }
        }
    }

    /** FNV-1a over the characters, finished with a 64-bit mixer; never 0 (0 marks a free slot). */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
