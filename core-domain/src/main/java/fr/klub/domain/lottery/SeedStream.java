package fr.klub.domain.lottery;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Random numbers that depend on the seed only: SHA-256 in counter mode (block i = SHA-256(seed ‖ i as
 * 8 bytes big-endian)), read 4 bytes at a time. Any language can reproduce it for an audit.
 */
final class SeedStream {

    private final byte[] seed;
    private long counter;
    private ByteBuffer block = ByteBuffer.allocate(0);

    SeedStream(byte[] seed) {
        this.seed = seed.clone();
    }

    /** Uniform in [0, bound), by rejection so that no value is favoured. */
    int below(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        long range = 1L << 32;
        long limit = range - range % bound;
        while (true) {
            long value = nextUnsignedInt();
            if (value < limit) {
                return (int) (value % bound);
            }
        }
    }

    private long nextUnsignedInt() {
        if (block.remaining() < 4) {
            block = ByteBuffer.wrap(nextBlock());
        }
        return Integer.toUnsignedLong(block.getInt());
    }

    private byte[] nextBlock() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(seed);
            sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
