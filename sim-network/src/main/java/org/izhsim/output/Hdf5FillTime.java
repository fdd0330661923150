package org.izhsim.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Repairs the one property of a jHDF-written file that the HDF5 library refuses to copy: jHDF 0.13 gives every
 * dataset a fill value message (version 3) saying "no fill value defined" and "write the fill value at allocation"
 * (its {@code FillValueMessage.NO_FILL}), a pair the library rejects when it creates a dataset with those
 * properties ("fill value writing on allocation set, but no fill value defined", H5Dint.c, H5D__update_oh_info).
 * So {@code h5repack -f GZIP=6 spikes.h5 out.h5}, or h5py's {@code create_dataset_like}, failed on izhsim's spikes.h5
 * (jHDF's open issue 705). The write time is set to "if set" (2), the library's default for a dataset whose fill
 * value is undefined; the data and every other message are untouched.
 *
 * <p>The walk follows the HDF5 file format specification (version 3.0): superblock version 2 or 3, version 2
 * object headers ("OHDR", one chunk, Jenkins' lookup3 checksum), groups' links as link messages (compact storage,
 * as jHDF writes them). A header whose checksum does not match, or a layout outside that, is left as it is: the
 * file stays what jHDF wrote, readable, and {@link #repair} reports how many datasets it changed.
 */
public final class Hdf5FillTime
{
    private static final byte[] SIGNATURE = {(byte)0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final int MESSAGE_LINK = 6;
    private static final int MESSAGE_FILL_VALUE = 5;
    /** Fill value message v3 flags: bits 2-3 the write time (0 at allocation, 1 never, 2 if set), bit 5 defined. */
    private static final int WRITE_TIME_MASK = 0b1100;
    private static final int WRITE_TIME_IF_SET = 0b1000;
    private static final int FILL_DEFINED = 0b10_0000;
    /** A header larger than this is not one jHDF wrote for a group or dataset of ours. */
    private static final int MAX_CHUNK = 1 << 20;

    private Hdf5FillTime()
    {
    }

    /**
     * Sets every dataset's fill value write time from "at allocation" to "if set" where no fill value is defined.
     *
     * @return the number of object headers changed
     */
    public static int repair(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer superblock = read(channel, 0, 48);
            for (int k = 0; k < SIGNATURE.length; k++)
            {
                if (superblock.get(k) != SIGNATURE[k])
                {
                    return 0;
                }
            }
            final int version = superblock.get(8);
            if ((version != 2 && version != 3) || superblock.get(9) != 8)
            {
                return 0;
            }
            // Signature 8, version, offset size, length size, flags; then base, extension, end-of-file and root addresses.
            final long root = superblock.getLong(12 + 3 * 8);
            return visit(channel, root, new HashSet<>());
        }
    }

    private static int visit(final FileChannel channel, final long address, final Set<Long> seen) throws IOException
    {
        if (address < 0 || !seen.add(address) || address + 16 > channel.size())
        {
            return 0;
        }
        final ByteBuffer prefix = read(channel, address, 40);
        if (prefix.getInt(0) != 0x5244484f /* "OHDR" */ || prefix.get(4) != 2)
        {
            return 0;
        }
        final int flags = prefix.get(5) & 0xff;
        int at = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        final int sizeBytes = 1 << (flags & 3);
        final long chunkSize = unsigned(prefix, at, sizeBytes);
        at += sizeBytes;
        if (chunkSize > MAX_CHUNK)
        {
            return 0;
        }
        final int total = at + (int)chunkSize + 4;
        final ByteBuffer chunk = read(channel, address, total);
        final byte[] bytes = chunk.array();
        if (Lookup3.hash(bytes, 0, total - 4, 0) != chunk.getInt(total - 4))
        {
            return 0;
        }
        final int messageHeader = 4 + ((flags & 0x04) != 0 ? 2 : 0);
        final int end = total - 4;
        int changed = 0;
        boolean patched = false;
        while (at + messageHeader <= end)
        {
            final int type = bytes[at] & 0xff;
            final int size = chunk.getShort(at + 1) & 0xffff;
            final int data = at + messageHeader;
            if (data + size > end)
            {
                break;
            }
            if (type == MESSAGE_FILL_VALUE && size >= 2 && bytes[data] == 3)
            {
                final int fill = bytes[data + 1] & 0xff;
                if ((fill & FILL_DEFINED) == 0 && (fill & WRITE_TIME_MASK) == 0)
                {
                    bytes[data + 1] = (byte)(fill | WRITE_TIME_IF_SET);
                    patched = true;
                }
            }
            else if (type == MESSAGE_LINK)
            {
                final long child = hardLink(chunk, data, size);
                if (child >= 0)
                {
                    changed += visit(channel, child, seen);
                }
            }
            at = data + size;
        }
        if (patched)
        {
            chunk.putInt(total - 4, Lookup3.hash(bytes, 0, total - 4, 0));
            chunk.position(0);
            while (chunk.hasRemaining())
            {
                channel.write(chunk, address + chunk.position());
            }
            changed++;
        }
        return changed;
    }

    /** The target address of a hard link message, or -1 for a soft or external link or one not understood. */
    private static long hardLink(final ByteBuffer chunk, final int data, final int size)
    {
        final int end = data + size;
        if (size < 2 || chunk.get(data) != 1)
        {
            return -1;
        }
        final int flags = chunk.get(data + 1) & 0xff;
        int at = data + 2;
        if ((flags & 0x08) != 0)
        {
            if (chunk.get(at++) != 0)
            {
                return -1;
            }
        }
        at += ((flags & 0x04) != 0 ? 8 : 0) + ((flags & 0x10) != 0 ? 1 : 0);
        final int lengthBytes = 1 << (flags & 3);
        if (at + lengthBytes > end)
        {
            return -1;
        }
        final long nameLength = unsigned(chunk, at, lengthBytes);
        at += lengthBytes;
        if (nameLength > end - at - 8)
        {
            return -1;
        }
        return chunk.getLong(at + (int)nameLength);
    }

    private static long unsigned(final ByteBuffer buffer, final int at, final int bytes)
    {
        long value = 0;
        for (int k = bytes - 1; k >= 0; k--)
        {
            value = value << 8 | (buffer.get(at + k) & 0xff);
        }
        return value;
    }

    private static ByteBuffer read(final FileChannel channel, final long address, final int length) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer, address + buffer.position()) < 0)
            {
                break;
            }
        }
        return buffer;
    }

    /** Bob Jenkins' lookup3 {@code hashlittle} (2006, public domain), the checksum of HDF5's metadata. */
    static final class Lookup3
    {
        private Lookup3()
        {
        }

        static int hash(final byte[] key, final int offset, final int length, final int initval)
        {
            int a = 0xdeadbeef + length + initval;
            int b = a;
            int c = a;
            int k = offset;
            int remaining = length;
            while (remaining > 12)
            {
                a += word(key, k, 4);
                b += word(key, k + 4, 4);
                c += word(key, k + 8, 4);
                // mix(a, b, c)
                a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
                b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
                c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
                a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
                b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
                c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
                remaining -= 12;
                k += 12;
            }
            if (remaining == 0)
            {
                return c;
            }
            // The last block, zero-padded: the byte-wise switch of hashlittle's tail.
            a += word(key, k, Math.min(remaining, 4));
            b += remaining > 4 ? word(key, k + 4, Math.min(remaining - 4, 4)) : 0;
            c += remaining > 8 ? word(key, k + 8, remaining - 8) : 0;
            // final(a, b, c)
            c ^= b; c -= Integer.rotateLeft(b, 14);
            a ^= c; a -= Integer.rotateLeft(c, 11);
            b ^= a; b -= Integer.rotateLeft(a, 25);
            c ^= b; c -= Integer.rotateLeft(b, 16);
            a ^= c; a -= Integer.rotateLeft(c, 4);
            b ^= a; b -= Integer.rotateLeft(a, 14);
            c ^= b; c -= Integer.rotateLeft(b, 24);
            return c;
        }

        /** Up to four bytes from {@code at}, little-endian. */
        private static int word(final byte[] key, final int at, final int bytes)
        {
            int value = 0;
            for (int j = bytes - 1; j >= 0; j--)
            {
                value = value << 8 | (key[at + j] & 0xff);
            }
            return value;
        }
    }
}
